using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Hydra.Grid;

/// <summary>
/// A VOMS fully qualified attribute name, <c>/vo[/group...][/Role=r][/Capability=c]</c>, normalised: the
/// <c>/Role=NULL</c> and <c>/Capability=NULL</c> that VOMS servers emit in the long form are dropped, so
/// <c>/hospital/radiology/Role=NULL/Capability=NULL</c> and <c>/hospital/radiology</c> are the same FQAN.
/// Group names and roles are compared case-sensitively (ordinal), as VOMS does.
/// </summary>
public sealed class Fqan : IEquatable<Fqan>
{
    /// <summary>VOMS refuses FQANs longer than this (voms-api-java VOMSFQANNamingScheme).</summary>
    public const int MaxLength = 255;

    private const string RolePrefix = "Role=";
    private const string CapabilityPrefix = "Capability=";
    private const string Null = "NULL";

    private readonly string _text;

    private Fqan(string[] groups, string? role, string? capability)
    {
        Groups = groups;
        Role = role;
        Capability = capability;
        Group = "/" + string.Join('/', groups);
        var text = new StringBuilder(Group);
        if (role is not null)
        {
            text.Append('/').Append(RolePrefix).Append(role);
        }

        if (capability is not null)
        {
            text.Append('/').Append(CapabilityPrefix).Append(capability);
        }

        _text = text.ToString();
    }

    /// <summary>The VO: the top-level group.</summary>
    public string Vo => Groups[0];

    /// <summary>The group path from the VO down, e.g. [hospital, radiology].</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The group as a path, e.g. <c>/hospital/radiology</c>.</summary>
    public string Group { get; }

    /// <summary>The role, or null when there is none (or it was <c>NULL</c>).</summary>
    public string? Role { get; }

    /// <summary>The capability (deprecated by VOMS), or null.</summary>
    public string? Capability { get; }

    /// <summary>Parses and normalises an FQAN.</summary>
    /// <exception cref="FormatException">The text is not an FQAN.</exception>
    public static Fqan Parse(string text) =>
        TryParse(text, out var fqan, out var reason) ? fqan : throw new FormatException($"Invalid FQAN '{text}': {reason}");

    /// <summary>Parses and normalises an FQAN, returning false for malformed text.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out Fqan? fqan) =>
        TryParse(text, out fqan, out _);

    /// <summary>Normalised text: the group, then <c>/Role=</c> and <c>/Capability=</c> only when not NULL.</summary>
    public override string ToString() => _text;

    /// <inheritdoc />
    public bool Equals(Fqan? other) => other is not null && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as Fqan);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_text);

    private static bool TryParse(string? text, [NotNullWhen(true)] out Fqan? fqan, out string reason)
    {
        fqan = null;
        if (string.IsNullOrEmpty(text) || text[0] != '/')
        {
            reason = "an FQAN starts with '/'.";
            return false;
        }

        if (text.Length > MaxLength)
        {
            reason = $"longer than {MaxLength} characters.";
            return false;
        }

        var parts = text[1..].Split('/');
        var groups = new List<string>();
        string? role = null;
        string? capability = null;
        var index = 0;
        for (; index < parts.Length && !IsKeyword(parts[index]); index++)
        {
            if (!IsName(parts[index]))
            {
                reason = $"group name '{parts[index]}' is empty or has characters outside [A-Za-z0-9_.-].";
                return false;
            }

            groups.Add(parts[index]);
        }

        if (groups.Count == 0)
        {
            reason = "the VO (first group) is missing.";
            return false;
        }

        if (index < parts.Length && parts[index].StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase))
        {
            role = parts[index++][RolePrefix.Length..];
        }

        if (index < parts.Length && parts[index].StartsWith(CapabilityPrefix, StringComparison.OrdinalIgnoreCase))
        {
            capability = parts[index++][CapabilityPrefix.Length..];
        }

        if (index < parts.Length || !IsName(role ?? Null) || !IsName(capability ?? Null))
        {
            reason = "only /Role= then /Capability= may follow the groups, each with a non-empty [A-Za-z0-9_.-] value.";
            return false;
        }

        fqan = new Fqan([.. groups], NullToNone(role), NullToNone(capability));
        reason = string.Empty;
        return true;
    }

    private static string? NullToNone(string? value) =>
        value is null || string.Equals(value, Null, StringComparison.OrdinalIgnoreCase) ? null : value;

    private static bool IsKeyword(string part) =>
        part.StartsWith(RolePrefix, StringComparison.OrdinalIgnoreCase)
        || part.StartsWith(CapabilityPrefix, StringComparison.OrdinalIgnoreCase);

    private static bool IsName(string part) =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-');
}
