using System.CommandLine;
using System.Security.Cryptography;
using Hydra.Cli.Output;
using Hydra.Sharing;

namespace Hydra.Cli.Commands.Shares;

/// <summary><c>hydra shares split --shares N --threshold M [--raw] [--format base64|hex] [--in FILE]</c>.</summary>
internal static class SharesSplitCommand
{
    public static Command Create(CliContext context)
    {
        var shares = new Option<int>("--shares", "-n") { Description = "N: how many shares to make (2 to 255).", Required = true };
        var threshold = new Option<int>("--threshold", "-m") { Description = "M: how many shares recover the secret (2 to N).", Required = true };
        var raw = new Option<bool>("--raw")
        {
            Description = "Print plain Vault-layout shares (y bytes then x), interoperable with HashiCorp Vault and npm "
                + "shamir-secret-sharing. Raw shares have NO integrity: a corrupt share silently gives a wrong secret.",
        };
        var format = ShareFormatOption.Create();
        var input = new Option<FileInfo?>("--in") { Description = "Read the secret from this file instead of stdin." };
        var command = new Command(
            "split",
            "Split the secret on stdin into N shares, any M of which recover it. By default each share is sealed: it carries "
            + "an integrity tag and the secret encrypted under a random key, so bad shares are detected and named.")
        {
            shares, threshold, raw, format, input,
        };
        command.Validators.Add(result =>
        {
            var (n, m) = (result.GetValue(shares), result.GetValue(threshold));
            if (m < Shamir.MinThreshold || n < m || n > Shamir.MaxShares)
            {
                result.AddError($"--threshold {m} and --shares {n} must satisfy 2 <= M <= N <= 255.");
            }
        });
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            context,
            parseResult,
            new SplitRequest(parseResult.GetValue(shares), parseResult.GetValue(threshold), parseResult.GetValue(raw),
                ShareFormatOption.Parse(parseResult.GetValue(format)), parseResult.GetValue(input)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parseResult, SplitRequest request, CancellationToken cancellationToken)
    {
        var output = context.OutputFor(parseResult);
        var secret = await SecretInput.ReadAsync(context.Console.StandardInput, request.InputFile, cancellationToken).ConfigureAwait(false);
        List<string> lines;
        try
        {
            lines = request.Raw ? RawShares(secret, request) : [.. SecretEscrow.Split(secret, request.ShareCount, request.Threshold).Select(s => s.ToText(request.Encoding))];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }

        var formatName = request.Raw ? "raw" : "sealed";
        if (output.Json)
        {
            output.Document(
                new SplitResult(formatName, ShareFormatOption.Name(request.Encoding), request.Threshold, request.ShareCount, lines),
                CliJsonContext.Default.SplitResult);
            return ExitCodes.Ok;
        }

        lines.ForEach(output.Line);
        output.Note(request.Raw
            ? $"[yellow]{request.ShareCount} raw shares; any {request.Threshold} recover the secret. Raw shares carry no integrity check.[/]"
            : $"[green]{request.ShareCount} sealed shares; any {request.Threshold} recover the secret, and bad shares are detected.[/]");
        return ExitCodes.Ok;
    }

    private static List<string> RawShares(byte[] secret, SplitRequest request)
    {
        var shares = Shamir.Split(secret, request.ShareCount, request.Threshold);
        var lines = shares.Select(share => ShareText.Encode(share, request.Encoding)).ToList();
        foreach (var share in shares)
        {
            CryptographicOperations.ZeroMemory(share);
        }

        return lines;
    }

    private sealed record SplitRequest(int ShareCount, int Threshold, bool Raw, ShareTextEncoding Encoding, FileInfo? InputFile);
}
