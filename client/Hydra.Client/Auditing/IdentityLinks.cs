using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Hydra.Access;
using Hydra.Grid;

namespace Hydra.Client.Auditing;

/// <summary>
/// Which principals are one person's (format: <c>Auditing/FORMAT.md</c>): the officer's report groups the records of
/// linked principals under the person, and never groups principals the configuration does not link, whatever their
/// names look like (the same CN, the same <c>sub</c> text). Immutable; lookups are safe from any thread.
/// </summary>
public sealed class IdentityLinks
{
    /// <summary>Larger than any real links file; bounds what a mistaken path (a disk image) costs.</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>
    /// Keyed by <see cref="DistinguishedName"/> or <see cref="TokenSubject"/>, so a DN matches as ACLs match it
    /// (attribute values compared without case and with spaces folded) and a token subject exactly.
    /// </summary>
    private readonly Dictionary<object, LinkedPerson> _byPrincipal;

    /// <summary>Audit subjects already looked up: detectors ask about every record, and parsing a DN is not free.</summary>
    private readonly ConcurrentDictionary<string, LinkedPerson?> _seen = new(StringComparer.Ordinal);

    private IdentityLinks(IReadOnlyList<LinkedPerson> people, Dictionary<object, LinkedPerson> byPrincipal)
    {
        People = people;
        _byPrincipal = byPrincipal;
    }

    /// <summary>Links nobody: every principal is its own party (the report without a links file).</summary>
    public static IdentityLinks None { get; } = new([], []);

    /// <summary>The people, in file order.</summary>
    public IReadOnlyList<LinkedPerson> People { get; }

    /// <summary>Reads and parses a links file; <see cref="FormatException"/> names the file and what is wrong.</summary>
    public static IdentityLinks Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var stream = File.OpenRead(path);
        if (stream.Length > MaxFileBytes)
        {
            throw new FormatException($"{path}: an identity links file is at most {MaxFileBytes / (1024 * 1024)} MB; this one is {stream.Length} bytes.");
        }

        using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        string text;
        try
        {
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            throw new FormatException($"{path}: not UTF-8 text.");
        }

        return Parse(text, path);
    }

    /// <summary>Parses links; <see cref="FormatException"/> names <paramref name="source"/>, the line or entry, and the fault.</summary>
    public static IdentityLinks Parse(string json, string source = "identity links")
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 8 });
        }
        catch (JsonException ex)
        {
            // JsonException counts lines and bytes from 0; people count from 1.
            throw new FormatException($"{source}: line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1}: not valid JSON "
                + "(or a property given twice).", ex);
        }

        using (document)
        {
            return IdentityLinksReader.Read(document.RootElement, source);
        }
    }

    /// <summary>The person an audit record's subject (a slash DN or <c>oidc:issuer#sub</c>) belongs to, or null.</summary>
    public LinkedPerson? PersonOf(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return _byPrincipal.Count == 0 ? null
            : _seen.GetOrAdd(subject, s => KeyOf(s.StartsWith('/') ? "dn:" + s : s) is { } key ? _byPrincipal.GetValueOrDefault(key) : null);
    }

    /// <summary>
    /// Whom the report groups a record subject under: the linked person's name, or the subject itself. Names cannot
    /// be taken for subjects: a name never starts with '/' or a principal prefix (<see cref="IdentityLinksReader"/>).
    /// </summary>
    internal string PartyOf(string subject) => PersonOf(subject)?.Name ?? subject;

    /// <summary>The distinct subjects (principals) of <paramref name="records"/>, sorted: what a party's flag shows beneath it.</summary>
    internal static List<string> SubjectsOf(IEnumerable<Hydra.Audit.AuditEntry> records) =>
        [.. records.Select(r => r.Subject).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    internal static IdentityLinks Create(List<LinkedPerson> people, Dictionary<object, LinkedPerson> byPrincipal) => new(people, byPrincipal);

    /// <summary>
    /// The identity a <c>dn:</c> or <c>oidc:</c> principal names (nodes record certificate callers by slash DN, which
    /// <see cref="PersonOf"/> prefixes with <c>dn:</c>, and token callers by <c>oidc:</c> principal), or null for
    /// anything else: <c>oidc:?</c> of a refused token, an empty subject, a pattern.
    /// </summary>
    internal static object? KeyOf(string principal)
    {
        if (!Principal.TryParse(principal, out var parsed, out _))
        {
            return null;
        }

        var text = parsed.Canonical;
        return parsed.Kind switch
        {
            PrincipalKind.DistinguishedName => DistinguishedName.Parse(text["dn:".Length..]),
            PrincipalKind.Oidc => TokenSubject.TryParse(text["oidc:".Length..], out var token, out _) ? token : null,
            _ => null,
        };
    }
}
