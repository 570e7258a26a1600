using System.Text;

namespace Hydra.Cli.Commands.Shares;

/// <summary>Reads share texts from stdin: one per line, blank lines ignored, with hard limits on count and length.</summary>
internal static class ShareLines
{
    /// <summary>At most 255 shares exist per split.</summary>
    public const int MaxShares = 255;

    /// <summary>Longest accepted line: a sealed share of the largest secret in hex, with room to spare (256 KiB).</summary>
    public const int MaxLineLength = 256 * 1024;

    public static async Task<List<string>> ReadAsync(Stream stdin, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stdin, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var shares = new List<string>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length > MaxLineLength)
            {
                throw new InvalidDataException($"Line {lineNumber} of stdin is longer than {MaxLineLength} characters; it is not a share.");
            }

            if (!string.IsNullOrWhiteSpace(line))
            {
                if (shares.Count == MaxShares)
                {
                    throw new InvalidDataException($"More than {MaxShares} shares on stdin.");
                }

                shares.Add(line.Trim());
            }
        }

        return shares;
    }
}
