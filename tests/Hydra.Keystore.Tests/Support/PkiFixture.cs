using Hydra.CertsDev;
using Hydra.Testing;

namespace Hydra.Keystore.Tests.Support;

/// <summary>One dev PKI per test class (generation takes about a second).</summary>
public sealed class PkiFixture : IDisposable
{
    private readonly TempDirectory _folder = new("hydra-pki");

    public PkiFixture()
    {
        Pki = DevPki.Create(_folder.Path);
    }

    public DevPki Pki { get; }

    public void Dispose() => _folder.Dispose();
}
