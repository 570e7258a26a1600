using System.CommandLine;
using System.Security.Cryptography;
using Hydra.Cli.Output;
using Hydra.Sharing;

namespace Hydra.Cli.Commands.Shares;

/// <summary><c>hydra shares combine [SHARE...] [--threshold M] [--out FILE]</c>.</summary>
internal static class SharesCombineCommand
{
    public static Command Create(CliContext context)
    {
        var shares = new Argument<string[]>("shares")
        {
            Description = "Shares to combine, sealed or raw (base64 or hex); when none are given, one per line on stdin.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var threshold = new Option<int?>("--threshold", "-m")
        {
            Description = "M, required for raw shares (they do not record it); sealed shares carry their own.",
        };
        var output = new Option<FileInfo?>("--out") { Description = "Write the secret to this file (mode 600) instead of stdout." };
        var command = new Command(
            "combine",
            "Recover the secret from shares and write it to stdout. Sealed shares are verified: bad shares are named and, with "
            + "more than M shares, skipped. Raw shares cannot be verified.")
        {
            shares, threshold, output,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context, parseResult, parseResult.GetValue(shares) ?? [], parseResult.GetValue(threshold), parseResult.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        CliContext context, ParseResult parseResult, string[] arguments, int? threshold, FileInfo? outputFile, CancellationToken cancellationToken)
    {
        var output = context.OutputFor(parseResult);
        var texts = arguments.Length > 0 ? [.. arguments] : await ShareLines.ReadAsync(context.Console.StandardInput, cancellationToken).ConfigureAwait(false);
        if (texts.Count == 0)
        {
            throw new UsageException("No shares given: pass them as arguments or one per line on stdin.");
        }

        var sealedCount = texts.Count(SealedShare.IsSealedText);
        if (sealedCount > 0 && sealedCount < texts.Count)
        {
            throw NotSealed(texts);
        }

        using var combined = sealedCount > 0 ? CombineSealed(texts) : CombineRaw(texts, threshold);
        foreach (var bad in combined.BadShares)
        {
            // A share whose part of the key verified (and was used) can still carry a damaged copy of the sealed secret.
            output.Warning(combined.UsedShares.Contains(bad)
                ? $"{bad} is damaged: its part of the key verified, but its sealed copy of the secret fails authentication (corrupt or "
                  + "forged); the secret was opened from another share's copy. Discard it, or split the secret again."
                : $"{bad} failed verification (corrupt or forged); it was not used. Discard it, or split the secret again.");
        }

        foreach (var other in combined.OtherShares)
        {
            output.Warning($"{other} belongs to another split of a secret; it was not used.");
        }

        await WriteSecretAsync(output, combined, outputFile, cancellationToken).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static CombinedSecret CombineSealed(List<string> texts)
    {
        var received = texts.Select((text, i) => new ReceivedSealedShare(Name(i), ParseSealed(text, i))).ToList();
        var recovered = SecretEscrow.Recover(received);
        return new CombinedSecret("sealed", true, recovered.Secret.ToArray(), recovered.UsedSources, recovered.BadSources, recovered.OtherSplitSources, recovered);
    }

    private static CombinedSecret CombineRaw(List<string> texts, int? threshold)
    {
        if (threshold is not { } m)
        {
            throw new UsageException("Raw shares do not record their threshold: pass --threshold M.");
        }

        if (m < Shamir.MinThreshold || m > Shamir.MaxShares)
        {
            throw new UsageException($"--threshold {m} is outside 2..255.");
        }

        var shares = texts.Select((text, i) => DecodeRaw(text, i)).ToList();
        try
        {
            var secret = Shamir.Combine(shares, m);
            return new CombinedSecret("raw", false, secret, [.. texts.Select((_, i) => Name(i))], [], [], null);
        }
        finally
        {
            shares.ForEach(share => CryptographicOperations.ZeroMemory(share));
        }
    }

    private static async Task WriteSecretAsync(CommandOutput output, CombinedSecret combined, FileInfo? outputFile, CancellationToken cancellationToken)
    {
        if (outputFile is not null)
        {
            await PrivateFile.WriteAsync(outputFile.FullName, combined.Secret, cancellationToken).ConfigureAwait(false);
        }

        if (output.Json)
        {
            var secretText = outputFile is null ? Convert.ToBase64String(combined.Secret) : null;
            output.Document(
                new CombineResult(combined.Format, combined.Verified, secretText, outputFile?.FullName, combined.UsedShares, combined.BadShares, combined.OtherShares),
                CliJsonContext.Default.CombineResult);
            return;
        }

        if (outputFile is null)
        {
            await output.WriteBytesAsync(combined.Secret, cancellationToken).ConfigureAwait(false);
        }

        output.Note(combined.Verified
            ? $"[green]Secret recovered and verified {Spectre.Console.Markup.Escape(VerifiedFrom(combined))}.[/]"
            : "[yellow]Secret combined from raw shares; raw shares carry no integrity check, so it is unverified.[/]");
    }

    /// <summary>Which shares gave the key and which the secret, when a share used for the key had a damaged copy of the secret.</summary>
    private static string VerifiedFrom(CombinedSecret combined)
    {
        var keyFrom = string.Join(", ", combined.UsedShares);
        if (!combined.UsedShares.Any(combined.BadShares.Contains))
        {
            return $"from {keyFrom}";
        }

        var opened = combined.UsedShares.Where(share => !combined.BadShares.Contains(share));
        return $"(key from {keyFrom}; sealed secret from {string.Join(", ", opened)})";
    }

    /// <summary>Names the lines that are not sealed shares among sealed ones: raw shares, or no share at all.</summary>
    private static ShareException NotSealed(List<string> texts)
    {
        var sealedOnes = texts.Select((text, i) => (text, i)).Where(t => SealedShare.IsSealedText(t.text)).Select(t => Name(t.i)).ToList();
        var sealedShares = string.Join(", ", sealedOnes);
        var others = texts.Select((text, i) => (text, i)).Where(t => !SealedShare.IsSealedText(t.text)).ToList();
        var first = others[0];
        if (!IsShareText(first.text))
        {
            return new ShareException(
                ShareErrorReason.Malformed,
                $"{Name(first.i)} is not a share: it does not start with '{SealedShare.TextPrefix}' like {sealedShares}, and is neither hex nor "
                + "base64 text. Check that it was copied whole, or leave it out.",
                [Name(first.i)]);
        }

        var names = string.Join(", ", others.Select(t => Name(t.i)));
        return new ShareException(
            ShareErrorReason.Malformed,
            $"{names} {(others.Count == 1 ? "is a raw share" : "are raw shares")} (no '{SealedShare.TextPrefix}' prefix) while {sealedShares} "
            + $"{(sealedOnes.Count == 1 ? "is" : "are")} sealed: a split is either sealed or raw, so they cannot be combined. Give only the shares of one split.",
            [.. others.Select(t => Name(t.i))]);
    }

    private static bool IsShareText(string text)
    {
        byte[] bytes;
        try
        {
            bytes = ShareText.Decode(text);
        }
        catch (FormatException)
        {
            return false;
        }

        CryptographicOperations.ZeroMemory(bytes);
        return bytes.Length >= 2; // a raw share holds at least one byte of y, then its x
    }

    private static SealedShare ParseSealed(string text, int index)
    {
        try
        {
            return SealedShare.ParseText(text);
        }
        catch (ShareException exception)
        {
            throw new ShareException(exception.Reason, $"{Name(index)}: {exception.Message}", [Name(index)]);
        }
    }

    private static byte[] DecodeRaw(string text, int index)
    {
        try
        {
            return ShareText.Decode(text);
        }
        catch (FormatException)
        {
            throw new ShareException(ShareErrorReason.Malformed, $"{Name(index)} is neither a sealed share nor hex or base64 text.", [Name(index)]);
        }
    }

    private static string Name(int index) => $"share {index + 1}";
}
