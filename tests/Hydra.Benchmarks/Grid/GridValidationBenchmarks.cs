using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Hydra.CertsDev;
using Hydra.Grid;
using Hydra.Testing;
using Org.BouncyCastle.X509;

namespace Hydra.Benchmarks.Grid;

/// <summary>
/// What the keystore pays per new TLS connection: validating a proxy chain and its VOMS AC. "Fresh" parses the
/// chain from DER first, as each connection does (BouncyCastle tests every new RSA key for primality); "Parsed"
/// reuses parsed certificates. Also the cost of a whole dev PKI, which every test run creates.
/// </summary>
[Config(typeof(ShortInProcessConfig))]
public class GridValidationBenchmarks
{
    private TempDirectory _directory = null!;
    private DevPki _pki = null!;
    private ProxyChainValidator _chains = null!;
    private VomsAcValidator _acs = null!;
    private IReadOnlyList<X509Certificate> _chain = null!;
    private byte[][] _chainDer = null!;
    private int _pkiCount;

    [GlobalSetup]
    public void Setup()
    {
        _directory = new TempDirectory("hydra-bench-pki");
        _pki = DevPki.Create(_directory.Combine("pki"));
        var trust = GridTrustStore.Load(_pki.TrustDirectory);
        _chains = new ProxyChainValidator(trust);
        _acs = new VomsAcValidator(trust, VomsTrustStore.Load(_pki.VomsDirectory));
        _chain = _pki.CreateProxy(new ProxyRequest { User = DevUser.Clinician }).Chain;
        _chainDer = [.. _chain.Select(c => c.GetEncoded())];
    }

    [GlobalCleanup]
    public void Cleanup() => _directory.Dispose();

    [Benchmark]
    public GridIdentity ChainParsed() => _chains.Validate(_chain, DateTimeOffset.UtcNow);

    [Benchmark]
    public VomsValidationResult ChainAndAcFresh()
    {
        var chain = _chainDer.Select(der => new X509Certificate(der)).ToArray();
        var now = DateTimeOffset.UtcNow;
        return _acs.Validate(_chains.Validate(chain, now), now);
    }

    [Benchmark]
    public ProxyCredential CreateProxy() => _pki.CreateProxy(new ProxyRequest { User = DevUser.Reader });

    [Benchmark]
    public DevPki CreateWholePki() => DevPki.Create(_directory.Combine("bench-" + Interlocked.Increment(ref _pkiCount)));

    /// <summary>Short runs in this process: the cases range from microseconds to seconds on a shared machine.</summary>
    private sealed class ShortInProcessConfig : ManualConfig
    {
        public ShortInProcessConfig() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
