namespace Hydra.Bridge.Contract;

/// <summary>
/// A catalogued image whose pixels were redacted: its pseudonymous UIDs, the blanked regions (never their text), the
/// sender, when it was ingested, and whether a review thumbnail exists.
/// </summary>
public sealed record RedactionSummary(
    string SopInstanceUid, string StudyInstanceUid, IReadOnlyList<RegionSummary> Regions, string Source, DateTimeOffset Ingested, bool HasThumbnail);

/// <summary>One blanked (or found) rectangle: frame from 1, pixels from the top left, and which layer found it (<c>DeviceRegion</c>, <c>RecognizedText</c>).</summary>
public sealed record RegionSummary(int Frame, int X, int Y, int Width, int Height, string Source);
