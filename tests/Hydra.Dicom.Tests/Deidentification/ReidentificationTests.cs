using System.Security.Cryptography.X509Certificates;
using Hydra.CertsDev;
using Hydra.Dicom.Deidentification;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.Tests.Support;
using Hydra.Testing.Pki;

namespace Hydra.Dicom.Tests.Deidentification;

/// <summary>Our own re-identification (PS3.15 E.1.2): only the officer's key restores the originals, exactly.</summary>
public sealed class ReidentificationTests : IClassFixture<DevPkiFixture>
{
    private readonly DevPkiFixture _pki;

    public ReidentificationTests(DevPkiFixture pki) => _pki = pki;

    public static TheoryData<string> Files => new()
    {
        "test_files/CT_small.dcm", "test_files/MR_small_bigendian.dcm", "test_files/rtstruct.dcm", "test_files/reportsi.dcm",
        "test_files/nested_priv_SQ.dcm", "charset_files/chrH32.dcm", "charset_files/chrX2.dcm",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Reidentify_OwnOutputWithOfficerKey_RestoresTheOriginalDataset(string label)
    {
        // Arrange
        var original = DicomFile.Open(Pydicom.CorpusPath(label));
        if (string.IsNullOrEmpty(original.Dataset.GetString(DicomTags.SOPInstanceUID)))
        {
            original.Dataset.SetString(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.7");
            original.Dataset.SetString(DicomTags.SOPInstanceUID, "1.2.3.4.5");
        }

        var result = TestSecrets.Deidentifier(_pki.Pki).Deidentify(original, new DeidentificationProfile
        {
            BurnedInAnnotation = BurnedInAnnotationPolicy.QuarantineOnlyWhenMarkedYes,
        });
        var stored = DicomFile.Read(result.File!.ToArray());

        // Act
        var restored = DicomReidentifier.Reidentify(stored, TestSecrets.OfficerKey(_pki.Pki));

        // Assert
        var expected = FlatDataset.Of(original.Dataset).Values.Where(pair => !pair.Value.Tag.IsGroupLength).ToList();
        var actual = FlatDataset.Of(restored.Dataset).Values;
        Assert.All(expected, pair => Assert.True(actual.TryGetValue(pair.Key, out var value) && FlatDataset.SameValue(value, pair.Value), pair.Key));
        Assert.All(actual.Keys.Where(path => !path.Contains('[', StringComparison.Ordinal)), path =>
            Assert.True(expected.Any(pair => pair.Key == path) || path is "(0010,0010)" or "(0010,0020)", $"{path} was not in the original"));
    }

    [Fact]
    public void Reidentify_WithAReadersKey_Fails()
    {
        // Arrange
        var result = TestSecrets.Deidentifier(_pki.Pki).Deidentify(SyntheticImage.Ct("1.2.3.1"), DeidentificationProfile.Default);
        var reader = _pki.Pki.User(DevUser.Reader);

        // Act
        var error = Assert.Throws<ReidentificationException>(() =>
            DicomReidentifier.Reidentify(result.File!, ReidentificationKey.FromPemFiles(reader.CertificatePath, reader.KeyPath)));

        // Assert
        Assert.Contains("(0400,0500)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reidentify_WithoutEncryptedAttributes_Fails()
    {
        // Arrange
        var result = TestSecrets.Deidentifier().Deidentify(SyntheticImage.Ct("1.2.3.1"), DeidentificationProfile.Default);

        // Act
        var error = Assert.Throws<ReidentificationException>(() => DicomReidentifier.Reidentify(result.File!, TestSecrets.OfficerKey(_pki.Pki)));

        // Assert
        Assert.Contains("absent", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reidentify_CertificateCarryingItsKey_RestoresPatientName()
    {
        // Arrange
        var officer = TestSecrets.Officer(_pki.Pki);
        using var certificate = X509Certificate2.CreateFromPemFile(officer.CertificatePath, officer.KeyPath);
        var result = TestSecrets.Deidentifier(_pki.Pki, keyTransport: KeyTransportAlgorithm.RsaPkcs1V15)
            .Deidentify(SyntheticImage.Ct("1.2.3.1"), DeidentificationProfile.Default);

        // Act
        var restored = DicomReidentifier.Reidentify(result.File!, ReidentificationKey.FromCertificate(certificate));

        // Assert
        Assert.Equal("Muster^Erika", restored.Dataset.GetString(DicomTags.PatientName));
        Assert.Equal("1.2.3.1", restored.Dataset.GetString(DicomTags.SOPInstanceUID));
        Assert.False(restored.Dataset.Contains(DicomTags.PatientIdentityRemoved));
        Assert.False(restored.Dataset.Contains(DicomTags.DeidentificationMethodCodeSequence));
        Assert.False(restored.Dataset.Contains(DicomTags.EncryptedAttributesSequence));
    }

    [Fact]
    public void Deidentify_TwoOfficers_EitherCanReidentify()
    {
        // Arrange
        var options = new DeidentificationOptions { BridgeSecret = TestSecrets.Secret };
        foreach (var user in new[] { DevUser.Officer, DevUser.Admin })
        {
            options.ReidentificationRecipients.Add(X509Certificate2.CreateFromPem(File.ReadAllText(_pki.Pki.User(user).CertificatePath)));
        }

        var result = new DicomDeidentifier(options).Deidentify(SyntheticImage.Ct("1.2.3.1"), DeidentificationProfile.Default);

        // Act
        var names = new[] { DevUser.Officer, DevUser.Admin }
            .Select(user => ReidentificationKey.FromPemFiles(_pki.Pki.User(user).CertificatePath, _pki.Pki.User(user).KeyPath))
            .Select(key => DicomReidentifier.Reidentify(result.File!, key).Dataset.GetString(DicomTags.PatientName))
            .ToList();

        // Assert
        Assert.Equal(2, result.Report!.ReidentificationRecipients);
        Assert.All(names, name => Assert.Equal("Muster^Erika", name));
    }
}
