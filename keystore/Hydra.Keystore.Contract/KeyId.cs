using System.Diagnostics.CodeAnalysis;

namespace Hydra.Keystore.Contract;

/// <summary>
/// Names one image key across the cluster: 1 to 128 characters of <c>[A-Za-z0-9._:-]</c>, compared case-sensitively.
/// The alphabet keeps ids safe in file names, URLs, log lines and LiteDB keys without escaping.
/// </summary>
public readonly record struct KeyId
{
    /// <summary>The longest key id accepted, in characters.</summary>
    public const int MaxLength = 128;

    private readonly string? _value;

    private KeyId(string value) => _value = value;

    /// <summary>The id's text; <see cref="string.Empty"/> only for <c>default(KeyId)</c>, which no API accepts.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>A fresh id: a random (version 4) UUID in its 36-character text form.</summary>
    public static KeyId New() => new(Guid.NewGuid().ToString("D"));

    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming the rule it breaks.</summary>
    public static KeyId Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problem = Validate(text);
        return problem is null ? new KeyId(text) : throw new FormatException($"Invalid key id: {problem}.");
    }

    /// <summary>Parses <paramref name="text"/> without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out KeyId keyId)
    {
        if (text is not null && Validate(text) is null)
        {
            keyId = new KeyId(text);
            return true;
        }

        keyId = default;
        return false;
    }

    /// <summary>The id's text.</summary>
    public override string ToString() => Value;

    /// <summary>Returns why <paramref name="text"/> is not a key id, or null when it is one.</summary>
    public static string? Validate(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > MaxLength)
        {
            return $"length {text.Length} is outside 1..{MaxLength}";
        }

        var bad = text.IndexOfAnyExcept(AllowedCharacters);
        return bad < 0 ? null : $"character at index {bad} is not one of [A-Za-z0-9._:-]";
    }

    private static readonly System.Buffers.SearchValues<char> AllowedCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-");
}
