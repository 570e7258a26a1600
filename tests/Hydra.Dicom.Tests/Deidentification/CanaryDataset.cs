using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// A synthetic CT image with a unique marker in every identifying place: every attribute of Table E.1-1 (built from the
/// generated table itself, with VR-appropriate values), sequences three levels deep, private elements and creators,
/// overlays, curves, SR content, and free text the table does not list. Each marker remembers its tag so the test can
/// tell which ones an option is allowed to keep.
/// </summary>
internal sealed class CanaryDataset
{
    private static readonly DateOnly FirstDate = new(1600, 1, 1);
    private int _next;
    private int _nextDate;

    private CanaryDataset()
    {
    }

    /// <summary>The data set.</summary>
    public DicomDataset Dataset { get; } = new();

    /// <summary>Every marker placed: its text as it appears in the file, and the tag of the element it is in.</summary>
    public List<Marker> Markers { get; } = [];

    /// <summary>Every tag given a marked value or a marked sequence.</summary>
    public HashSet<DicomTag> Covered { get; } = [];

    /// <summary>Elements whose values are binary numbers, which a byte search cannot tell apart: checked by parsing.</summary>
    public List<DicomTag> BinaryNumberTags { get; } = [];

    public static CanaryDataset Build()
    {
        var canary = new CanaryDataset();
        canary.AddImageBasics();
        foreach (var row in ConfidentialityProfileTable.Rows.Where(r => !r.IsPattern && (r.Value >> 16) is not (0x0000 or 0x0002)))
        {
            canary.AddTableAttribute(canary.Dataset, new DicomTag(row.Value));
        }

        canary.AddPatterns();
        canary.AddPrivate(canary.Dataset);
        canary.AddStructuredContent();
        canary.AddUnlistedFreeText(canary.Dataset);
        return canary;
    }

    private void AddImageBasics()
    {
        Dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
        Dataset.SetString(DicomTags.Modality, "CT");
        Dataset.SetString(DicomTags.BurnedInAnnotation, "NO");
        Dataset.SetNumbers<ushort>(DicomTags.Rows, 2);
        Dataset.SetNumbers<ushort>(DicomTags.Columns, 2);
        Dataset.SetNumbers<ushort>(DicomTags.BitsAllocated, 16);
        Dataset.SetNumbers<ushort>(DicomTags.BitsStored, 16);
        Dataset.SetNumbers<ushort>(DicomTags.HighBit, 15);
        Dataset.SetNumbers<ushort>(DicomTags.PixelRepresentation, 0);
        Dataset.SetNumbers<ushort>(DicomTags.SamplesPerPixel, 1);
        Dataset.SetString(DicomTags.PhotometricInterpretation, "MONOCHROME2");
        Dataset.SetBytes(DicomTags.PixelData, DicomVR.OW, new byte[8]);
    }

    private void AddTableAttribute(DicomDataset target, DicomTag tag)
    {
        Covered.Add(tag);
        var entry = DicomDictionary.Find(tag);
        var vr = entry?.VR is { } known && known != DicomVR.None ? known : DicomVR.UN;
        if (vr == DicomVR.SQ)
        {
            Add(target, new DicomSequence(tag, NestedItem(depth: 1)));
            return;
        }

        Add(target, ValueElement(tag, vr));
    }

    // Replacing an element would lose the markers already in it.
    private static void Add(DicomDataset target, DicomElement element)
    {
        Assert.False(target.Contains(element.Tag), $"{element.Tag} is placed twice");
        target.Set(element);
    }

    private DicomValueElement ValueElement(DicomTag tag, DicomVR vr)
    {
        Covered.Add(tag);
        var index = _next++;
        switch (vr)
        {
            case DicomVR.US or DicomVR.SS or DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.FD or DicomVR.SV or DicomVR.UV or DicomVR.AT:
                BinaryNumberTags.Add(tag);
                var bytes = new byte[vr is DicomVR.FD or DicomVR.SV or DicomVR.UV ? 8 : vr is DicomVR.US or DicomVR.SS ? 2 : 4];
                BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)(0x7000 + index));
                return new DicomValueElement(tag, vr, bytes);
            default:
                var text = MarkerText(vr, index, vr is DicomVR.DA or DicomVR.DT ? _nextDate++ : 0);
                Markers.Add(new Marker(text, tag));
                return new DicomValueElement(tag, vr, Encoding.ASCII.GetBytes(text));
        }
    }

    // Marker text valid for the VR and unique: dates 1000 days apart (so no shift of one lands on another), times and
    // numbers with a distinctive fraction, UIDs of one length (so none is a prefix of another), text "QZX<index>Q".
    private static string MarkerText(DicomVR vr, int index, int dateIndex) => vr switch
    {
        DicomVR.DA => Date(dateIndex),
        DicomVR.DT => Date(dateIndex) + Time(index),
        DicomVR.TM => Time(index),
        DicomVR.UI => string.Create(CultureInfo.InvariantCulture, $"1.2.826.0.1.3680043.10.99.1{index:D4}"),
        DicomVR.DS => string.Create(CultureInfo.InvariantCulture, $"7.7{index:D4}7731"),
        DicomVR.IS => string.Create(CultureInfo.InvariantCulture, $"77{index:D4}731"),
        DicomVR.AS => string.Create(CultureInfo.InvariantCulture, $"{index % 1000:D3}W"),
        DicomVR.UR => string.Create(CultureInfo.InvariantCulture, $"http://QZX{index:D4}Q.example"),
        _ => string.Create(CultureInfo.InvariantCulture, $"QZX{index:D4}Q"),
    };

    private static string Date(int index) =>
        FirstDate.AddDays(index * 1000).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static string Time(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{index % 24:D2}{index % 60:D2}{(index * 7) % 60:D2}.7{index:D4}7");

    // Three levels: the table sequence's item, a Referenced Series Sequence item, a Referenced Image Sequence item.
    private DicomDataset NestedItem(int depth)
    {
        var item = new DicomDataset();
        foreach (var tag in new[] { DicomTags.PatientName, DicomTags.PatientID, DicomTags.StudyDescription, DicomTags.ReferencedSOPInstanceUID,
            DicomTags.InstitutionName, DicomTags.PersonName, DicomTags.StudyDate })
        {
            AddTableAttribute(item, tag);
        }

        AddPrivate(item);
        AddUnlistedFreeText(item);
        if (depth < 3)
        {
            Add(item, new DicomSequence(depth == 1 ? DicomTags.ReferencedSeriesSequence : DicomTags.ReferencedImageSequence, NestedItem(depth + 1)));
        }

        return item;
    }

    private void AddPatterns()
    {
        foreach (var group in new ushort[] { 0x6000, 0x6002 })
        {
            Add(Dataset, ValueElement(new DicomTag(group, 0x3000), DicomVR.OW));
            Add(Dataset, ValueElement(new DicomTag(group, 0x4000), DicomVR.LT));
            Add(Dataset, ValueElement(new DicomTag(group, 0x0022), DicomVR.LO)); // Overlay Description, not in the table
        }

        Add(Dataset, ValueElement(new DicomTag(0x5000, 0x3000), DicomVR.OB));      // Curve Data
        Add(Dataset, ValueElement(new DicomTag(0x5000, 0x0022), DicomVR.LO));      // Curve Description
        Add(Dataset, ValueElement(new DicomTag(0x5002, 0x2500), DicomVR.LO));      // Curve Label
    }

    private void AddPrivate(DicomDataset target)
    {
        var creator = _next++;
        var creatorText = string.Create(CultureInfo.InvariantCulture, $"QZX{creator:D4}Q");
        Markers.Add(new Marker(creatorText, new DicomTag(0x0009, 0x0010)));
        target.Set(new DicomValueElement(new DicomTag(0x0009, 0x0010), DicomVR.LO, Encoding.ASCII.GetBytes(creatorText)));
        Add(target, ValueElement(new DicomTag(0x0009, 0x1001), DicomVR.LO));
        Add(target, ValueElement(new DicomTag(0x0009, 0x1002), DicomVR.UN));
        var privateItem = new DicomDataset();
        Add(privateItem, ValueElement(DicomTags.PatientName, DicomVR.PN));
        target.SetSequence(new DicomTag(0x0009, 0x1003), privateItem);

        // A block a safe-private entry names (GEMS_PARM_01 (0043,xx27) Scan Pitch Ratio) next to an unsafe one.
        target.Set(new DicomValueElement(new DicomTag(0x0043, 0x0010), DicomVR.LO, Encoding.ASCII.GetBytes("GEMS_PARM_01")));
        var safe = ValueElement(new DicomTag(0x0043, 0x1027), DicomVR.SH);
        Markers[^1] = Markers[^1] with { SafePrivate = true };
        target.Set(safe);
        Add(target, ValueElement(new DicomTag(0x0043, 0x1028), DicomVR.SH));
    }

    private void AddStructuredContent()
    {
        var leaf = ContentItem();
        var middle = ContentItem();
        middle.SetSequence(DicomTags.ContentSequence, leaf);
        var top = ContentItem();
        top.SetSequence(DicomTags.ContentSequence, middle);
        Dataset.GetSequence(DicomTags.ContentSequence)!.Items.Add(top);
    }

    private DicomDataset ContentItem()
    {
        var item = new DicomDataset();
        item.SetString(DicomTags.RelationshipType, "CONTAINS");
        item.SetString(DicomTags.ValueType, "TEXT");
        var code = new DicomDataset();
        code.SetString(DicomTags.CodeValue, "121071");
        code.SetString(DicomTags.CodingSchemeDesignator, "DCM");
        code.SetString(DicomTags.CodeMeaning, "Finding");
        item.SetSequence(DicomTags.ConceptNameCodeSequence, code);
        Add(item, ValueElement(DicomTags.TextValue, DicomVR.UT));
        AddTableAttribute(item, DicomTags.PersonName);
        AddTableAttribute(item, DicomTags.DateTime);
        AddTableAttribute(item, DicomTags.UID);
        return item;
    }

    // Free text the table does not list: removed by the whitelist rule (or cleaned inside cleaned sequences).
    private void AddUnlistedFreeText(DicomDataset target)
    {
        Add(target, ValueElement(new DicomTag(0x0040, 0x0400), DicomVR.LT)); // Comments on the Scheduled Procedure Step
        Add(target, ValueElement(new DicomTag(0x0018, 0x9941), DicomVR.UT)); // Image Filter Description
        Add(target, ValueElement(new DicomTag(0x0028, 0x6190), DicomVR.ST)); // Mask Operation Explanation
    }

    /// <summary>A marker and the element it sits in.</summary>
    internal sealed record Marker(string Text, DicomTag Tag, bool SafePrivate = false);
}
