namespace Hydra.Dicom.Network.Pdu;

/// <summary>
/// The User Information item (PS3.8 9.3.2.3, PS3.7 D.3.3): maximum length, implementation identity, asynchronous
/// operations window, role selections and extended negotiation. User identity is only noted (PS3.7 D.3.3.7):
/// Hydra authenticates peers by TLS.
/// </summary>
internal sealed record UserInformation
{
    /// <summary>Largest P-DATA-TF PDU length the sender can receive; 0 means no limit (PS3.8 D.1).</summary>
    public uint MaxPduLength { get; init; }

    public string ImplementationClassUid { get; init; } = string.Empty;

    public string? ImplementationVersionName { get; init; }

    /// <summary>Maximum operations invoked and performed (PS3.7 D.3.3.3); null when the item is absent (both 1).</summary>
    public (ushort Invoked, ushort Performed)? AsynchronousOperationsWindow { get; init; }

    public IReadOnlyList<DicomRoleSelection> RoleSelections { get; init; } = [];

    public IReadOnlyList<DicomExtendedNegotiation> ExtendedNegotiations { get; init; } = [];

    /// <summary>True when a User Identity sub-item (0x58) was present; it is never answered.</summary>
    public bool HasUserIdentity { get; init; }
}
