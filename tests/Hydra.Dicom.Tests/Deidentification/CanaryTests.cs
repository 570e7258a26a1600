using System.Text;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Testing.Pki;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>
/// "No identifying information ever exposed": a file with a unique marker in every identifying place goes through the
/// de-identifier under each option alone and several combinations; no marker an option does not explicitly retain may
/// be left anywhere in the output bytes, except inside the encrypted originals.
/// </summary>
public sealed class CanaryTests : IClassFixture<DevPkiFixture>
{
    private const ConfidentialityOptions AllClean =
        ConfidentialityOptions.CleanDescriptors | ConfidentialityOptions.CleanStructuredContent | ConfidentialityOptions.CleanGraphics;

    private const ConfidentialityOptions AllRetain =
        ConfidentialityOptions.RetainSafePrivate | ConfidentialityOptions.RetainUids | ConfidentialityOptions.RetainDeviceIdentity
        | ConfidentialityOptions.RetainInstitutionIdentity | ConfidentialityOptions.RetainPatientCharacteristics
        | ConfidentialityOptions.RetainLongitudinalModifiedDates;

    private static readonly Lazy<(CanaryDataset Canary, DicomFile File)> Input = new(() =>
    {
        var canary = CanaryDataset.Build();
        var bytes = new DicomFile(canary.Dataset).ToArray();
        return (canary, DicomFile.Read(bytes));
    });

    private readonly DevPkiFixture _pki;

    public CanaryTests(DevPkiFixture pki) => _pki = pki;

    public static TheoryData<ConfidentialityOptions> OptionSets
    {
        get
        {
            var data = new TheoryData<ConfidentialityOptions> { ConfidentialityOptions.None };
            foreach (var option in Enum.GetValues<ConfidentialityOptions>().Where(o => o != ConfidentialityOptions.None))
            {
                data.Add(option);
            }

            data.Add(AllClean);
            data.Add(AllRetain);
            data.Add(AllRetain | AllClean);
            data.Add(AllClean | ConfidentialityOptions.RetainLongitudinalFullDates | ConfidentialityOptions.RetainPatientCharacteristics);
            return data;
        }
    }

    [Fact]
    public void Build_Canary_CoversEveryTableRowAndThePatterns()
    {
        // Arrange
        var (canary, _) = Input.Value;

        // Act
        var tags = canary.Covered.Select(t => t.Value).ToHashSet();

        // Assert
        var missing = ConfidentialityProfileTable.Rows
            .Where(row => (row.Value >> 16) is not (0x0000 or 0x0002) && !tags.Any(tag => row.Matches(new DicomTag(tag))))
            .Select(row => row.Name)
            .ToList();
        Assert.Empty(missing);
        Assert.True(canary.Markers.Count > 1000, $"only {canary.Markers.Count} markers");
    }

    [Theory]
    [MemberData(nameof(OptionSets))]
    public void Deidentify_CanaryFile_LeavesNoMarkerOutsideTheEncryptedOriginals(ConfidentialityOptions options)
    {
        // Arrange
        var (canary, input) = Input.Value;
        var deidentifier = TestSecrets.Deidentifier(_pki.Pki);

        // Act
        var result = deidentifier.Deidentify(input, new DeidentificationProfile { Options = options });

        // Assert
        Assert.False(result.IsQuarantined, result.Quarantine?.Detail);
        var bytes = result.File.ToArray();
        var searchable = WithoutEncryptedContent(bytes, result.File.Dataset);
        var leaked = canary.Markers
            .Where(marker => !MayRemain(marker, options))
            .Where(marker => searchable.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker.Text)) >= 0)
            .Select(marker => $"{marker.Tag} {marker.Text}")
            .Distinct()
            .ToList();
        Assert.True(leaked.Count == 0, $"{leaked.Count} markers left: {string.Join(", ", leaked.Take(20))}");
        var reread = DicomFile.Read(bytes).Dataset;
        Assert.All(canary.BinaryNumberTags.Where(tag => !MayRemain(new CanaryDataset.Marker(string.Empty, tag), options)),
            tag => Assert.False(reread.GetBytes(tag).Span.SequenceEqual(input.Dataset.GetBytes(tag).Span) && reread.Contains(tag),
                $"{tag} kept its value"));
    }

    [Fact]
    public void Deidentify_CanaryFile_EncryptedOriginalsHoldTheMarkers()
    {
        // Arrange
        var (canary, input) = Input.Value;
        var deidentifier = TestSecrets.Deidentifier(_pki.Pki);

        // Act
        var result = deidentifier.Deidentify(input, DeidentificationProfile.Default);
        var restored = DicomReidentifier.Reidentify(result.File!, TestSecrets.OfficerKey(_pki.Pki)).ToArray();

        // Assert
        var missing = canary.Markers.Where(marker => restored.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker.Text)) < 0).ToList();
        Assert.Empty(missing);
    }

    // A marker may survive only where an enabled option's column says K, or C on a time (Modified Dates keeps times),
    // or, for private elements, where Retain Safe Private keeps a listed element.
    private static bool MayRemain(CanaryDataset.Marker marker, ConfidentialityOptions options)
    {
        if (marker.Tag.IsPrivate)
        {
            return marker.SafePrivate && options.HasFlag(ConfidentialityOptions.RetainSafePrivate);
        }

        if (ConfidentialityProfileTable.Find(marker.Tag) is not { } row)
        {
            return false;
        }

        var isTime = DicomDictionary.Find(marker.Tag)?.VR == DicomVR.TM;
        return Enum.GetValues<ConfidentialityOptions>()
            .Where(option => option != ConfidentialityOptions.None && options.HasFlag(option))
            .Select(row.OptionAction)
            .Any(action => action == ProfileAction.K || (action == ProfileAction.C && isTime));
    }

    // The file with the Encrypted Content (0400,0520) value cut out: the one place originals may be, encrypted.
    private static byte[] WithoutEncryptedContent(byte[] file, DicomDataset dataset)
    {
        var content = dataset.GetSequence(DicomTags.EncryptedAttributesSequence)!.Items[0].GetBytes(new DicomTag(0x0400, 0x0520));
        var start = file.AsSpan().IndexOf(content.Span);
        Assert.True(start > 0, "the encrypted content is not in the file");
        return [.. file.AsSpan(0, start), .. file.AsSpan(start + content.Length)];
    }
}
