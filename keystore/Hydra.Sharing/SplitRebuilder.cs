using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Hydra.Sharing;

/// <summary>Searches the M-subsets of one split's shares for one whose combined key verifies all their tags.</summary>
internal static class SplitRebuilder
{
    /// <summary>Finds the verified key, or explains in <paramref name="failure"/> why none was found.</summary>
    public static bool TryRebuild(
        List<ReceivedShare> split, [NotNullWhen(true)] out RebuiltSplit? result, [NotNullWhen(false)] out ShareException? failure)
    {
        // A corrupt share may also claim a wrong M or N; try each claimed threshold, the most common first. The tags
        // bind M and N, so a share whose claim differs from the verified key's split is reported bad afterwards.
        var claims = split
            .Select((share, order) => (share.Envelope.Threshold, share.Envelope.ShareCount, order))
            .GroupBy(claim => (claim.Threshold, claim.ShareCount))
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Min(claim => claim.order))
            .Select(group => group.Key)
            .ToList();

        var trials = 0;
        foreach (var (threshold, _) in claims)
        {
            result = TrySubsets(split, threshold, ref trials);
            if (result is not null)
            {
                failure = null;
                return true;
            }
        }

        result = null;
        failure = Explain(split, claims, trials >= KeyReconstructor.MaxSubsetTrials);
        return false;
    }

    private static RebuiltSplit? TrySubsets(List<ReceivedShare> split, int threshold, ref int trials)
    {
        if (split.Count < threshold)
        {
            return null;
        }

        foreach (var subset in Subsets.Lexicographic(split.Count, threshold))
        {
            if (++trials > KeyReconstructor.MaxSubsetTrials)
            {
                return null;
            }

            var key = TryCombine(split, subset);
            if (key is null)
            {
                continue;
            }

            using var tagger = new ShareTag(key, split[0].Envelope.SplitId.Span);
            if (subset.All(i => tagger.Verify(split[i].Envelope)))
            {
                var bad = split.Where((_, i) => !subset.Contains(i) && !tagger.Verify(split[i].Envelope)).Select(s => s.Source).ToList();
                return new RebuiltSplit(key, subset.Select(i => split[i].Source).ToList(), bad);
            }

            CryptographicOperations.ZeroMemory(key);
        }

        return null;
    }

    /// <summary>Interpolates the subset, or null when its shares cannot be combined (equal x, unequal lengths).</summary>
    private static byte[]? TryCombine(List<ReceivedShare> split, int[] subset)
    {
        var length = split[subset[0]].Envelope.Y.Length;
        var xs = new byte[subset.Length];
        var ys = new ReadOnlyMemory<byte>[subset.Length];
        for (var i = 0; i < subset.Length; i++)
        {
            var envelope = split[subset[i]].Envelope;
            if (envelope.Y.Length != length || xs.AsSpan(0, i).Contains(envelope.X))
            {
                return null;
            }

            xs[i] = envelope.X;
            ys[i] = envelope.Y;
        }

        var key = new byte[length];
        Shamir.Interpolate(xs, ys, key);
        return key;
    }

    private static ShareException Explain(List<ReceivedShare> split, List<(int Threshold, int ShareCount)> claims, bool gaveUp)
    {
        var sources = split.Select(share => share.Source).ToList();
        var keyId = split[0].Envelope.KeyId;
        if (claims.Count > 1)
        {
            // Each tag covers M and N, so shares that disagree on them cannot all be intact.
            var said = claims.Select(claim =>
                $"{Names(split.Where(s => (s.Envelope.Threshold, s.Envelope.ShareCount) == claim))} {claim.Threshold} of {claim.ShareCount}");
            var more = claims.Max(claim => claim.ShareCount) > split.Count;
            return new ShareException(
                ShareErrorReason.IntegrityFailure,
                $"The shares of key '{keyId}' disagree on the split's M of N ({string.Join("; ", said)}): every share's tag covers "
                + "these numbers, so at least one of them is corrupt, and no subset verifies. "
                + (more ? "Add another share of the split to tell which." : "Every share of the split was tried, so the key cannot be rebuilt from it."),
                sources,
                more);
        }

        var (threshold, shareCount) = claims[0];
        var sameX = split.GroupBy(share => share.Envelope.X).Where(group => group.Count() > 1).ToList();
        var clash = sameX.FirstOrDefault(group => group.Skip(1).Any(share => !share.Envelope.Equals(group.First().Envelope)));
        var count = split.Count - sameX.Sum(group => group.Count() - 1); // different shares: copies count once
        var moreExist = shareCount > count;
        var hint = moreExist
            ? $"{shareCount - count} more share(s) of this split exist; fetching them may help."
            : $"all {shareCount} shares of this split were tried, so the key cannot be rebuilt from it.";
        if (clash is not null)
        {
            return new ShareException(
                ShareErrorReason.IntegrityFailure,
                $"{Names(clash)} of key '{keyId}' claim the same position (x = {clash.Key}) but differ, so at least one of them is corrupt; {hint}",
                sources,
                moreExist);
        }

        if (count < threshold)
        {
            var missing = threshold - count;
            return sameX.Count > 0
                ? new ShareException(
                    ShareErrorReason.DuplicateX,
                    $"{string.Join("; ", sameX.Select(group => $"{Names(group)} are the same share"))}: only {count} different share(s) of key "
                    + $"'{keyId}' were given, and {threshold} are needed. Give {missing} more different share(s) of the split.",
                    sources,
                    moreExist)
                : new ShareException(
                    ShareErrorReason.TooFewShares,
                    $"Got {count} share(s) of key '{keyId}' ({Names(split)}) but {threshold} are needed; give {missing} more share(s) of the split.",
                    sources,
                    moreExist);
        }

        var names = Names(split);
        var message = count == threshold
            ? $"The {count} shares of key '{keyId}' do not verify: one or more of {names} holds a corrupt share; " +
              (moreExist ? $"a {Ordinal(count + 1)} share is needed to tell which." : hint)
            : $"No {threshold} of the {count} shares of key '{keyId}' from {names} verify" +
              (gaveUp ? $" (gave up after {KeyReconstructor.MaxSubsetTrials} subsets)" : $": at least {count - threshold + 1} are corrupt") +
              $"; {hint}";
        return new ShareException(ShareErrorReason.IntegrityFailure, message, sources, moreExist);
    }

    private static string Names(IEnumerable<ReceivedShare> shares) => string.Join(", ", shares.Select(share => share.Source));

    private static string Ordinal(int n) => n switch
    {
        3 => "third",
        4 => "fourth",
        5 => "fifth",
        _ => "further",
    };
}
