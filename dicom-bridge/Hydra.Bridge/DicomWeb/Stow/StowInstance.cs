namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// What happened to one part of a STOW-RS request, in the terms of the response (PS3.18 Table 10.5.3-1). UIDs are the
/// stored, pseudonymous ones, or null: the sender's original UIDs are never echoed (see FORMAT.md).
/// </summary>
/// <param name="Failure">The Failure Reason (0008,1197), or null when the instance was stored.</param>
/// <param name="Warning">The Warning Reason (0008,1196) of a stored instance, or null.</param>
/// <param name="Detail">Why, for the log: tags and limits, never a value.</param>
internal sealed record StowInstance(
    string? SopClassUid, string? SopInstanceUid, string? StudyInstanceUid, string? SeriesInstanceUid, ushort? Failure, ushort? Warning, string Detail)
{
    /// <summary>PS3.18 Table 10.5.3-2 and PS3.4 Annex GG: the error codes STOW-RS answers with.</summary>
    public const ushort ProcessingFailure = 0x0110;
    public const ushort OutOfResources = 0xA700;
    public const ushort StudyMismatch = 0xA900;
    public const ushort CannotUnderstand = 0xC000;

    /// <summary>
    /// Warning for a quarantined instance: kept (encrypted, for officers) but not as a retrievable instance. PS3.18
    /// Table 10.5.3-3 has no closer code than B006 (Elements Discarded): what was sent will not be served.
    /// </summary>
    public const ushort Quarantined = 0xB006;

    public bool IsStored => Failure is null;

    public static StowInstance Failed(ushort reason, string detail, string? sopClassUid = null) =>
        new(sopClassUid, null, null, null, reason, null, detail);
}
