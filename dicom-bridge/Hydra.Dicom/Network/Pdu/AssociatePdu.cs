namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// An A-ASSOCIATE-RQ or -AC (PS3.8 9.3.2, 9.3.3): both carry the AE titles (the AC returns the RQ's unchanged), the
/// application context, presentation context items and user information.
/// </summary>
internal sealed record AssociatePdu
{
    public const string DicomApplicationContext = "1.2.840.10008.3.1.1.1";

    public ushort ProtocolVersion { get; init; } = 1;

    public required string CalledAeTitle { get; init; }

    public required string CallingAeTitle { get; init; }

    public string ApplicationContext { get; init; } = DicomApplicationContext;

    /// <summary>The proposals (RQ only).</summary>
    public IReadOnlyList<PresentationContextProposal> Proposals { get; init; } = [];

    /// <summary>The results (AC only).</summary>
    public IReadOnlyList<PresentationContextOutcome> Outcomes { get; init; } = [];

    public UserInformation UserInformation { get; init; } = new();
}
