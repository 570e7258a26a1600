using System.Diagnostics.Metrics;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Testing;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests;

/// <summary>
/// DICOM readers on TLS with their user certificates: findscu sees what the reader's ACL allows, getscu retrieves
/// decrypted de-identified images, keys fetched on the reader's behalf and audited with both identities.
/// </summary>
public sealed class DicomReaderTests : IClassFixture<BridgeFixture>
{
    private readonly BridgeFixture _fixture;

    public DicomReaderTests(BridgeFixture fixture) => _fixture = fixture;

    private TestBridge Bridge => _fixture.Bridge;

    private DevPki Pki => _fixture.Pki;

    private async Task<string> IngestStudyAsync(TempDirectory scratch, int count)
    {
        var lister = Bridge.ConnectReader(GridReader.ProxyOf(Pki, DevUser.Reader));
        var before = (await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout()).Select(i => i.StudyInstanceUid).ToHashSet();
        var study = SampleStudy.Write(Path.Combine(scratch.Path, "sent"), count, size: 64);
        var sent = await Bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);
        var after = await lister.ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        return after.Select(i => i.StudyInstanceUid).Distinct().Single(s => !before.Contains(s));
    }

    private IEnumerable<string> TlsArguments(string user)
    {
        var credential = Pki.User(user);
        return ["+tls", credential.KeyPath, credential.CertificatePath, "+cf", Pki.CaCertificatePath];
    }

    /// <summary>getscu as <paramref name="user"/>, through a TLS tunnel with that user's certificate, into <paramref name="folder"/>.</summary>
    private async Task<ProcessResult> GetscuAsync(string user, string study, string folder)
    {
        var credential = Pki.User(user);
        await using var tunnel = new TlsTunnel(credential.CertificatePath, credential.KeyPath, Pki.CaCertificatePath, Bridge.Node.DicomTlsPort);
        return await Dcmtk.RunAsync("getscu", [
            "-v", "-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-od", folder,
            "-aet", "VIEWER", "-aec", "HYDRA", "127.0.0.1", Port(tunnel.Port)]);
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Findscu_OverTlsAsReader_FindsTheStudy_StrangerFindsNothing()
    {
        using var scratch = new TempDirectory("hydra-find");
        var study = await IngestStudyAsync(scratch, 2);
        string[] query = ["-S", "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + study, "-k", "PatientID", "-k", "NumberOfStudyRelatedInstances",
            "-aet", "VIEWER", "-aec", "HYDRA", "127.0.0.1", Port(Bridge.Node.DicomTlsPort)];

        var reader = await Dcmtk.RunAsync("findscu", ["-v", .. TlsArguments(DevUser.Reader), .. query]);
        var stranger = await Dcmtk.RunAsync("findscu", ["-v", .. TlsArguments(DevUser.Researcher), .. query]);

        Assert.True(reader.ExitCode == 0, reader.Output);
        Assert.Contains(study, reader.Output, StringComparison.Ordinal);
        Assert.Contains("Find Response: 1 (Pending)", reader.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleStudy.Marker, reader.Output, StringComparison.Ordinal);
        // The stranger's association is served (its request is echoed by -v), but no record matches for it.
        Assert.True(stranger.ExitCode == 0, stranger.Output);
        Assert.Contains("Final Find Response (Success)", stranger.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("(Pending)", stranger.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Findscu_WithoutTls_IsNotServedOnTheTlsPort()
    {
        var plain = await Dcmtk.RunAsync("findscu", ["-S", "-k", "QueryRetrieveLevel=STUDY", "-aec", "HYDRA", "127.0.0.1", Port(Bridge.Node.DicomTlsPort)]);

        Assert.NotEqual(0, plain.ExitCode);
    }

    [Fact]
    public async Task TlsPort_HandshakesWithoutCertificate_AreCountedAsRefusedLikeTheReaderEndpoints()
    {
        // Arrange: count refusals of the bridge's grid TLS hosts by reason (other tests may add some: at least, then).
        var noCertificate = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == HandshakeRefusalReporter.MeterName && instrument.Name == HandshakeRefusalReporter.CounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "reason" && Equals(tag.Value, nameof(HandshakeRefusalReason.NoCertificate)))
                {
                    Interlocked.Add(ref noCertificate, value);
                }
            }
        });
        listener.Start();
        var openssl = Peers.Require("openssl", "openssl");

        // Act: three probes with openssl s_client and no client certificate.
        for (var i = 0; i < 3; i++)
        {
            await ProcessRunner.RunAsync(openssl, ["s_client", "-connect", "127.0.0.1:" + Port(Bridge.Node.DicomTlsPort), "-brief", "-ign_eof"],
                standardInput: "probe\n", timeout: TaskTimeoutExtensions.DefaultTimeoutSpan);
        }

        // Assert: each reached the one reporting point (counted; logged at most once a minute per address and reason).
        Assert.True(Interlocked.Read(ref noCertificate) >= 3, $"{noCertificate} refusals without a certificate counted");
    }

    [Fact]
    public async Task Getscu_ThroughTls_RetrievesDecryptedDeidentifiedImages_AuditedAsReaderViaBridge()
    {
        using var scratch = new TempDirectory("hydra-get");
        var study = await IngestStudyAsync(scratch, 3);
        var reader = Pki.User(DevUser.Reader);
        var received = Directory.CreateDirectory(Path.Combine(scratch.Path, "received")).FullName;

        var result = await GetscuAsync(DevUser.Reader, study, received);

        Assert.True(result.ExitCode == 0, result.Output);
        var files = Directory.GetFiles(received);
        Assert.Equal(3, files.Length);
        Assert.All(files, f => Assert.False(Leaks.Contains(File.ReadAllBytes(f)), f));
        Assert.All(files, f => Assert.Equal(study, DicomFile.Open(f).Dataset.GetString(DicomTags.StudyInstanceUID)));
        var officer = _fixture.Cluster.ConnectAs(DevUser.Officer);
        var entries = new List<Hydra.Audit.AuditEntry>();
        await foreach (var entry in officer.QueryAuditAsync("node1", new AuditQueryOptions { Subject = reader.SubjectDn }, CancellationToken.None))
        {
            entries.Add(entry);
        }

        Assert.Contains(entries, e => e.Delegate == Pki.Host("bridge").SubjectDn && e.Outcome == "allowed");
    }

    [Fact]
    public async Task Getscu_ThroughTlsAsStranger_RetrievesNothing()
    {
        using var scratch = new TempDirectory("hydra-get");
        var study = await IngestStudyAsync(scratch, 1);
        var received = Directory.CreateDirectory(Path.Combine(scratch.Path, "received")).FullName;

        var result = await GetscuAsync(DevUser.Researcher, study, received);

        Assert.Empty(Directory.GetFiles(received));
        Assert.DoesNotContain(SampleStudy.Marker, result.Output, StringComparison.Ordinal);
    }
}
