using System.Globalization;

namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// The report's timeline as CSV (RFC 4180, comma-separated, header row, CRLF line ends): one row per listed record,
/// with the ids of its flags and, last, the person an identity links file links its subject to (else empty). A token
/// holder's issuer and subject are in <c>subject</c> (<c>oidc:iss#sub</c>), its groups in <c>fqans</c>, its token id in
/// <c>issuer</c> (<c>jti:id</c>). Fields that a spreadsheet would run as a formula (starting with <c>= + - @</c>, tab or
/// carriage return) are prefixed with <c>'</c>: records carry text chosen by callers, such as key ids and claimed DNs.
/// </summary>
public static class AuditReportCsv
{
    private static readonly string[] Header =
    [
        "time", "node", "sequence", "subject", "issuer", "fqans", "operation", "key_id", "study", "outcome", "reason", "peer",
        "delegate", "proxy_depth", "hash", "flags", "person",
    ];

    public static void Write(AuditReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        WriteRow(output, Header);
        foreach (var r in report.Records)
        {
            WriteRow(output,
            [
                r.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
                r.Node,
                r.Sequence.ToString(CultureInfo.InvariantCulture),
                r.Subject,
                r.Issuer,
                string.Join(' ', r.Fqans),
                r.Operation,
                r.KeyId,
                r.Study,
                r.Outcome,
                r.Reason,
                r.Peer,
                r.Delegate,
                r.ProxyDepth.ToString(CultureInfo.InvariantCulture),
                r.Hash,
                string.Join(' ', r.Flags),
                r.Person,
            ]);
        }
    }

    private static void WriteRow(TextWriter output, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                output.Write(',');
            }

            output.Write(Field(fields[i]));
        }

        output.Write("\r\n");
    }

    /// <summary>One field, defused against formula injection and quoted when it holds a comma, quote or line break.</summary>
    internal static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
