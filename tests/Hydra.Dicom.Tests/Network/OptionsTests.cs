using Hydra.Dicom.Network;
using Hydra.Dicom.Network.Tls;

namespace Hydra.Dicom.Tests.Network;

public sealed class OptionsTests
{
    public static TheoryData<string, Action<DicomServerOptions>> BadServerOptions() => new()
    {
        { "AeTitle", o => o.AeTitle = "THIS-AE-TITLE-IS-TOO-LONG" },
        { "AeTitle", o => o.AeTitle = "BACK\\SLASH" },
        { "Port", o => (o.Port, o.TlsPort) = (null, null) },
        { "Tls", o => o.TlsPort = 2762 },
        { "MaxPduLength", o => o.MaxPduLength = 100 },
        { "MaxAssociatePduLength", o => o.MaxAssociatePduLength = 100 },
        { "MaxAssociations", o => o.MaxAssociations = 0 },
        { "MaxAssociationsPerAddress", o => o.MaxAssociationsPerAddress = 0 },
        { "MaxAssociationsPerCallingAeTitle", o => o.MaxAssociationsPerCallingAeTitle = 0 },
        { "ReservedAssociations", o => o.ReservedAssociations = -1 },
        { "ReservedAssociations", o =>
            {
                o.KnownCallingAeTitles.Add("PACS");
                o.ReservedAssociations = o.MaxAssociations;
            }
        },
        { "IdleTimeout", o => o.IdleTimeout = TimeSpan.Zero },
        { "TransferSyntaxes", o => o.TransferSyntaxes.Clear() },
    };

    [Theory]
    [MemberData(nameof(BadServerOptions))]
    public void DicomServerOptions_Validate_NamesTheBadSetting(string setting, Action<DicomServerOptions> spoil)
    {
        // Arrange
        var options = new DicomServerOptions();
        spoil(options);

        // Act
        var error = Assert.ThrowsAny<ArgumentException>(options.Validate);

        // Assert
        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void DicomServerOptions_Defaults_AreValid()
    {
        var options = new DicomServerOptions();
        options.Validate();
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, options.TransferSyntaxes[0]);
        Assert.Contains(DicomTransferSyntax.Jpeg2000Lossless, options.TransferSyntaxes);
    }

    [Fact]
    public void DicomClientOptions_Validate_RejectsABadCalledAeTitle()
    {
        var options = new DicomClientOptions { CalledAeTitle = string.Empty };
        Assert.Equal(nameof(DicomClientOptions.CalledAeTitle), Assert.ThrowsAny<ArgumentException>(options.Validate).ParamName);
    }

    [Fact]
    public void SslStreamTlsAcceptor_CertificateWithoutKey_IsRefused()
    {
        using var key = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=test", key,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(withKey.RawData);
        Assert.Throws<ArgumentException>(() => new SslStreamTlsAcceptor(publicOnly, []));
    }
}
