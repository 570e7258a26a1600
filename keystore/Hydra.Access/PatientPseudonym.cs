using System.Diagnostics.CodeAnalysis;

namespace Hydra.Access;

/// <summary>
/// A patient as the keystore knows them: the keyed pseudonym the bridge gives the patient at de-identification (the
/// de-identified Patient ID), never the hospital's identifier. Compared exactly; at most 64 characters, as a DICOM LO
/// value (PS3.5 6.2), of letters, digits, '.', '-' and '_', so it reads the same in an ACL, a log and a URL.
/// </summary>
public sealed record PatientPseudonym
{
    /// <summary>PS3.5 6.2: a Patient ID (LO) is at most 64 characters.</summary>
    public const int MaxLength = 64;

    public PatientPseudonym(string value)
    {
        if (Problem(value) is { } problem)
        {
            throw new ArgumentException($"Patient pseudonym {problem}", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out PatientPseudonym? patient, [NotNullWhen(false)] out string? problem)
    {
        patient = null;
        problem = Problem(text);
        if (problem is not null)
        {
            return false;
        }

        patient = new PatientPseudonym(text!);
        return true;
    }

    public override string ToString() => Value;

    private static string? Problem(string? text) =>
        string.IsNullOrEmpty(text) ? "is empty; expected the patient's pseudonym, such as HYD-0123456789ABCDEFGHJKMNPQRS."
        : text.Length > MaxLength ? $"is {text.Length} characters long; a pseudonym has at most {MaxLength}."
        : text.All(IsAllowed) ? null
        : "holds a character other than a letter, digit, '.', '-' or '_'.";

    private static bool IsAllowed(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_';
}
