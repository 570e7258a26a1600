namespace Hydra.Sharing;

/// <summary>
/// Rebuilds a key from share envelopes received from named sources, checking every share's integrity tag and naming
/// the sources whose shares are bad.
/// </summary>
/// <remarks>
/// Shares are grouped by split; the split with most shares is tried first. Within a split, M-subsets are tried in
/// order (the first M received first) until the combined key verifies the tags of the whole subset; every other share
/// is then checked against that key. With more than M shares, up to (count - M) bad shares are found and named.
/// </remarks>
public static class KeyReconstructor
{
    /// <summary>The most M-subsets tried before giving up; only reached with hundreds of shares, most of them bad.</summary>
    public const int MaxSubsetTrials = 10_000;

    /// <summary>Rebuilds the key, or throws <see cref="ShareException"/> naming the sources involved.</summary>
    public static KeyReconstruction Reconstruct(IReadOnlyList<ReceivedShare> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count == 0)
        {
            throw new ShareException(ShareErrorReason.TooFewShares, "No shares were received.", moreSharesMayHelp: true);
        }

        CheckSourcesAndKeys(shares);
        var splits = shares
            .Select((share, order) => (share, order))
            .GroupBy(item => Convert.ToHexString(item.share.Envelope.SplitId.Span))
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Min(item => item.order))
            .Select(group => group.Select(item => item.share).ToList())
            .ToList();

        ShareException? firstFailure = null;
        foreach (var split in splits)
        {
            if (SplitRebuilder.TryRebuild(split, out var result, out var failure))
            {
                var others = shares.Where(share => !split.Contains(share)).Select(share => share.Source).ToList();
                return new KeyReconstruction(split[0].Envelope, result.Key, result.Used, result.Bad, others);
            }

            firstFailure ??= failure;
        }

        throw firstFailure!;
    }

    private static void CheckSourcesAndKeys(IReadOnlyList<ReceivedShare> shares)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var share in shares)
        {
            ArgumentNullException.ThrowIfNull(share, nameof(shares));
            ArgumentException.ThrowIfNullOrEmpty(share.Source, nameof(shares));
            ArgumentNullException.ThrowIfNull(share.Envelope, nameof(shares));
            if (!seen.Add(share.Source))
            {
                throw new ShareException(
                    ShareErrorReason.DuplicateSource, $"Source '{share.Source}' sent more than one share.", [share.Source]);
            }
        }

        var first = shares[0];
        var mismatch = shares.FirstOrDefault(share => share.Envelope.KeyId != first.Envelope.KeyId);
        if (mismatch is not null)
        {
            throw new ShareException(
                ShareErrorReason.MixedKeys,
                $"Shares name different keys: '{first.Source}' sent key '{first.Envelope.KeyId}', '{mismatch.Source}' sent key '{mismatch.Envelope.KeyId}'.",
                [first.Source, mismatch.Source]);
        }
    }
}
