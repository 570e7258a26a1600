using Hydra.CertsDev;
using Hydra.Testing;

namespace Hydra.Grid.Tests.Support;

/// <summary>A dev PKI whose <see cref="RsaHost"/> has an RSA 2048 key and whose <see cref="EcHost"/> an EC P-256 one.</summary>
public sealed class MixedKeyPkiFixture : IDisposable
{
    public const string RsaHost = "node1";
    public const string EcHost = "node2";

    private readonly TempDirectory _directory = new("hydra-pki-ec");

    public MixedKeyPkiFixture()
    {
        Pki = DevPki.Create(_directory.Combine("pki"), new DevPkiOptions { EcHosts = [EcHost] });
    }

    public DevPki Pki { get; }

    public void Dispose() => _directory.Dispose();
}
