using System.IO.Compression;
using Hydra.Bridge.Options;
using Hydra.CertsDev;
using Hydra.Bridge.Tests.Support;
using Hydra.Keystore.Options;
using Hydra.Testing;
using Hydra.Testing.Bridge;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;
using Hydra.Testing.Viewer;
using Microsoft.Extensions.Configuration;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// Issue 21's scenario end to end, with real peers: a bridge and three keystore nodes, npm oidc-provider as the
/// hospital's identity provider (two patients and a clinician), and headless Chromium as the patients' browser.
/// The patient services and the nodes' patient delegation are the real ones (no test double).
/// </summary>
public sealed class PortalEndToEndTests
{
    private static string Screenshots => Path.Combine(AppContext.BaseDirectory, "screenshots", "portal");

    /// <summary>
    /// Settings of the patient services and of the nodes' patient delegation, bound by name from configuration so this
    /// test builds whichever side is merged first; the names are those of the issue 21 design.
    /// </summary>
    private static void Bind(object options, Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build().Bind(options);

    [Fact]
    public async Task PatientA_SeesStudyImageZipAndClinicianRead_PatientB_SeesNoneAndForgedUrl404_LogoutEndsSession()
    {
        // Arrange: the cluster lets the bridge vouch for patients; the bridge grants each patient their own keys.
        using var pkiFixture = new DevPkiFixture();
        var pki = pkiFixture.Pki;
        var bridgeDn = "dn:" + pki.Host("bridge").SubjectDn;
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { Accounts = OidcProviderOptions.PortalAccounts });
        await using var cluster = await TestCluster.StartAsync(
            pki, configure: (KeystoreOptions options) => Bind(options, new() { ["Roles:PatientDelegates:0"] = bridgeDn }));
        await using var bridge = await TestBridge.StartAsync(pki, cluster, options =>
        {
            options.Portal = new BridgePortalOptions { Port = 0, Authority = provider.IssuerText, ClientId = OidcClients.PortalId };
            Bind(options, new()
            {
                ["Patients:Grant"] = "g",
                ["Patients:MayWithdraw"] = "true",
                ["Patients:ResearchPrincipals:0"] = "fqan:/research",
            });
        });
        using var scratch = new TempDirectory("hydra-portal-e2e");
        var study = SampleStudy.Write(scratch.Combine("study"), 2, size: 64);
        var sent = await bridge.StorescuAsync(study.Files);
        Assert.True(sent.ExitCode == 0, sent.Output);

        // A clinician reads one of A's images first, through the reader endpoint (grid certificate).
        var clinician = bridge.ConnectReader(GridReader.CertificateOf(pki, DevUser.Reader));
        var images = await clinician.ListImagesAsync(null, CancellationToken.None).DefaultTimeout();
        await using (var read = await clinician.OpenDicomAsync(images[0].SopInstanceUid, CancellationToken.None).DefaultTimeout())
        {
            await read.CopyToAsync(Stream.Null).DefaultTimeout();
        }

        var portal = new Uri($"https://127.0.0.1:{bridge.Node.PortalPort}/");

        // Act
        var a = await PortalBrowser.RunAsync(portal, OidcProviderOptions.PatientA.Id, Screenshots, "patient-a").TimeoutAfter(TimeSpan.FromMinutes(5));
        var forged = a.Images.Select(i => i.Src).Concat(a.Studies.Select(s => s.Href)).ToList();
        var b = await PortalBrowser.RunAsync(portal, OidcProviderOptions.PatientB.Id, Screenshots, "patient-b", forged).TimeoutAfter(TimeSpan.FromMinutes(5));

        // Assert: A sees the study with its real date, an image that decoded, a zip of DICOM files dcmdump reads.
        Assert.True(a.Failure is null && a.SignedIn, a.ToString());
        var listed = Assert.Single(a.Studies);
        Assert.Contains("2024", listed.Text, StringComparison.Ordinal);
        Assert.NotEmpty(a.Images);
        Assert.All(a.Images, image => Assert.True(image.NaturalWidth > 0 && image.Alt.Length > 0, a.ToString()));
        var unzipped = scratch.Combine("unzipped");
        ZipFile.ExtractToDirectory(a.Zip!, unzipped);
        var files = Directory.GetFiles(unzipped, "*", SearchOption.AllDirectories);
        Assert.Equal(study.Files.Count, files.Length);
        var dump = await Dcmtk.RunAsync("dcmdump", files[0]);
        Assert.True(dump.ExitCode == 0, dump.Output);
        Assert.Contains("(0008,0018)", dump.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(SampleStudy.Marker, dump.StandardOutput, StringComparison.Ordinal);

        // ... and the clinician's read in "who opened my images".
        var readerName = pki.User(DevUser.Reader).SubjectDn.Split(',', '/').Select(p => p.Trim()).Last(p => p.StartsWith("CN=", StringComparison.Ordinal))[3..];
        Assert.NotNull(a.AccessCaption);
        Assert.Contains(a.AccessRows, row => row.Any(cell => cell.Contains(readerName, StringComparison.Ordinal)));

        // B sees none of A's studies, and A's addresses answer 404; both sign-outs end the session for the old cookie.
        Assert.True(b.Failure is null && b.SignedIn, b.ToString());
        Assert.Empty(b.Studies);
        Assert.Equal(forged.Count, b.Forged.Count);
        Assert.All(b.Forged, f => Assert.Equal(404, f.Status));
        foreach (var run in new[] { a, b })
        {
            Assert.True(run.SignedOut, run.ToString());
            Assert.False(run.ReplaySignedIn, run.ToString());
            Assert.Empty(run.Blocked);
            Assert.All(run.Screenshots, shot => Assert.True(new FileInfo(shot).Length > 0, shot));
        }
    }
}
