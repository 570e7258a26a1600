using System.Globalization;

namespace Hydra.Dicom.Network;

/// <summary>
/// A DIMSE status code (PS3.7 Annex C; service-specific codes in PS3.4). The class of a code follows PS3.7 C.1:
/// 0000 success, FF00/FF01 pending, FE00 cancel, 0001 and Bxxx warning, everything else failure.
/// </summary>
public readonly record struct DicomStatus(ushort Code)
{
    /// <summary>0000: Success.</summary>
    public static DicomStatus Success => new(0x0000);

    /// <summary>FF00: Pending; matches or sub-operations are continuing.</summary>
    public static DicomStatus Pending => new(0xFF00);

    /// <summary>FF01: Pending; one or more optional keys were not supported.</summary>
    public static DicomStatus PendingWithWarnings => new(0xFF01);

    /// <summary>FE00: Cancel; the operation ended on a C-CANCEL request.</summary>
    public static DicomStatus Cancel => new(0xFE00);

    /// <summary>0110: Processing failure.</summary>
    public static DicomStatus ProcessingFailure => new(0x0110);

    /// <summary>0111: Duplicate SOP instance.</summary>
    public static DicomStatus DuplicateSopInstance => new(0x0111);

    /// <summary>0122: SOP class not supported.</summary>
    public static DicomStatus SopClassNotSupported => new(0x0122);

    /// <summary>0124: Not authorized.</summary>
    public static DicomStatus NotAuthorized => new(0x0124);

    /// <summary>0211: Unrecognized operation.</summary>
    public static DicomStatus UnrecognizedOperation => new(0x0211);

    /// <summary>0213: Resource limitation.</summary>
    public static DicomStatus ResourceLimitation => new(0x0213);

    /// <summary>A700: Storage refused, out of resources (PS3.4 B.2.3; A7xx).</summary>
    public static DicomStatus OutOfResources => new(0xA700);

    /// <summary>A701: Retrieve refused, out of resources, unable to calculate the number of matches (PS3.4 C.4.2.1.5).</summary>
    public static DicomStatus OutOfResourcesUnableToCalculateMatches => new(0xA701);

    /// <summary>A702: Retrieve refused, out of resources, unable to perform sub-operations (PS3.4 C.4.2.1.5).</summary>
    public static DicomStatus OutOfResourcesUnableToPerformSubOperations => new(0xA702);

    /// <summary>A801: C-MOVE refused, move destination unknown (PS3.4 C.4.2.1.5).</summary>
    public static DicomStatus MoveDestinationUnknown => new(0xA801);

    /// <summary>A900: Data set (or identifier) does not match SOP class (PS3.4 B.2.3, C.4.1.1.4; A9xx).</summary>
    public static DicomStatus DatasetDoesNotMatchSopClass => new(0xA900);

    /// <summary>C000: Cannot understand / unable to process (PS3.4 B.2.3, C.4.1.1.4; Cxxx).</summary>
    public static DicomStatus CannotUnderstand => new(0xC000);

    /// <summary>B000: Storage warning, coercion of data elements; retrieve warning, sub-operations completed with failures.</summary>
    public static DicomStatus CoercionOfDataElements => new(0xB000);

    /// <summary>B000 under its retrieve name: sub-operations complete, one or more failures or warnings (PS3.4 C.4.2.1.5).</summary>
    public static DicomStatus SubOperationsCompleteWithFailures => new(0xB000);

    /// <summary>B006: Storage warning, elements discarded.</summary>
    public static DicomStatus ElementsDiscarded => new(0xB006);

    /// <summary>B007: Storage warning, data set does not match SOP class.</summary>
    public static DicomStatus DatasetDoesNotMatchSopClassWarning => new(0xB007);

    public bool IsSuccess => Code == 0x0000;

    public bool IsPending => Code is 0xFF00 or 0xFF01;

    public bool IsCancel => Code == 0xFE00;

    public bool IsWarning => Code == 0x0001 || (Code & 0xF000) == 0xB000;

    public bool IsFailure => !IsSuccess && !IsPending && !IsCancel && !IsWarning;

    /// <summary>"0xA700", as dcmtk prints codes.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"0x{Code:X4}");
}
