using System.Diagnostics.CodeAnalysis;

namespace Hydra.Dicom.Deidentification;

/// <summary>
/// What cleaning an original's pixels found and did: nothing to clean, text blanked (the new native Pixel Data and the
/// regions), or a reason to quarantine the image instead. Holds no recognised text.
/// </summary>
public sealed record PixelCleaning
{
    private PixelCleaning(int framesScanned, ReadOnlyMemory<byte>? pixelData, IReadOnlyList<PixelRegion> regions, QuarantineReason? quarantine)
    {
        FramesScanned = framesScanned;
        PixelData = pixelData;
        Regions = regions;
        Quarantine = quarantine;
    }

    /// <summary>The outcome of an original that has no Pixel Data: nothing was scanned.</summary>
    public static PixelCleaning NoPixelData { get; } = new(0, null, [], null);

    /// <summary>
    /// An officer looked at the pixels and released them as they are (for <see cref="DicomDeidentifier.Deidentify(DicomFile, string?, PixelCleaning, CancellationToken)"/>):
    /// nothing scanned, nothing blanked, nothing to quarantine.
    /// </summary>
    public static PixelCleaning ReleasedByOfficer { get; } = new(0, null, [], null);

    /// <summary>How many frames were scanned (all of them: no sampling).</summary>
    public int FramesScanned { get; }

    /// <summary>The cleaned value of Pixel Data (7FE0,0010), native and of the original's layout; null when nothing was blanked.</summary>
    public ReadOnlyMemory<byte>? PixelData { get; }

    /// <summary>The blanked regions (or, when quarantined, the regions cleaning would have blanked).</summary>
    public IReadOnlyList<PixelRegion> Regions { get; }

    /// <summary>Why the image must not go out; null when it is clean.</summary>
    public QuarantineReason? Quarantine { get; }

    /// <summary>True when the image must be quarantined.</summary>
    [MemberNotNullWhen(true, nameof(Quarantine))]
    public bool IsQuarantined => Quarantine is not null;

    /// <summary>True when the pixels were scanned and released, blanked or not.</summary>
    public bool WasScanned => FramesScanned > 0 && Quarantine is null;

    /// <summary>Every frame was scanned and no text found: the pixels go out unchanged.</summary>
    public static PixelCleaning NothingFound(int framesScanned)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesScanned, 1);
        return new(framesScanned, null, [], null);
    }

    /// <summary>Every frame was scanned and <paramref name="regions"/> blanked in <paramref name="pixelData"/>.</summary>
    public static PixelCleaning Redacted(int framesScanned, ReadOnlyMemory<byte> pixelData, IReadOnlyList<PixelRegion> regions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(framesScanned, 1);
        ArgumentNullException.ThrowIfNull(regions);
        if (regions.Count == 0)
        {
            throw new ArgumentException("A redaction names at least one region.", nameof(regions));
        }

        return new(framesScanned, pixelData, regions, null);
    }

    /// <summary>The image cannot be cleaned safely; <paramref name="regions"/> are what was found, for the officer.</summary>
    public static PixelCleaning Quarantined(QuarantineReason reason, IReadOnlyList<PixelRegion>? regions = null)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return new(0, null, regions ?? [], reason);
    }
}
