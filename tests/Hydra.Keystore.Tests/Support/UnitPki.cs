using System.Collections.Concurrent;
using Hydra.CertsDev;
using Hydra.Testing.Pki;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Tests.Support;

/// <summary>
/// One dev PKI shared by the node's unit tests, and the proxies they present: making either costs about a second of
/// RSA key generation, so each is made once per run.
/// </summary>
public sealed class UnitPki : IDisposable
{
    public const string Collection = "Keystore unit tests with a dev PKI";

    private readonly DevPkiFixture _fixture = new();
    private readonly ConcurrentDictionary<(string User, bool Limited), IReadOnlyList<X509Certificate>> _proxies = new();

    public DevPki Pki => _fixture.Pki;

    /// <summary>A one-hour RFC 3820 proxy of <paramref name="user"/> with the user's VOMS attributes, leaf first.</summary>
    public IReadOnlyList<X509Certificate> Proxy(string user, bool limited = false) =>
        _proxies.GetOrAdd((user, limited), key =>
            Pki.CreateProxy(new ProxyRequest { User = key.User, Limited = key.Limited, Lifetime = TimeSpan.FromHours(1) }).Chain);

    public void Dispose() => _fixture.Dispose();
}

[CollectionDefinition(UnitPki.Collection)]
public sealed class UnitPkiCollection : ICollectionFixture<UnitPki>
{
}
