namespace Hydra.Grid;

/// <summary>The ACs of a credential: those that validated, and (only when the options allow it) those refused.</summary>
/// <param name="Attributes">The valid ACs in the order presented.</param>
/// <param name="Rejected">Why each refused AC was refused; always empty with the default options, which throw instead.</param>
public sealed record VomsValidationResult(IReadOnlyList<VomsAttributes> Attributes, IReadOnlyList<GridCredentialException> Rejected)
{
    /// <summary>No AC at all.</summary>
    public static VomsValidationResult Empty { get; } = new([], []);

    /// <summary>Every validated FQAN, AC by AC, in order.</summary>
    public IReadOnlyList<Fqan> Fqans => [.. Attributes.SelectMany(a => a.Fqans)];

    /// <summary>The primary FQAN: the first FQAN of the first valid AC, or null.</summary>
    public Fqan? PrimaryFqan => Attributes.SelectMany(a => a.Fqans).FirstOrDefault();
}
