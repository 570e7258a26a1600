using System.IO.Compression;
using System.Net;
using Hydra.Bridge.Options;
using Hydra.Bridge.Tests.Support;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Testing;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// Issue 21's clinicians: readers signed in to the portal with a token see the studies their groups may read on the same
/// pages, keys rebuilt on their behalf (the nodes decide and audit the clinician, the bridge as delegate); patient-only
/// pages and studies they may not read are the one 404 page; a patient's grant must hold the imaging scope; a token
/// for another audience signs nobody in; the session ends with the token.
/// </summary>
[Collection(ClinicianPortalFixture.Collection)]
public sealed class ClinicianPortalTests
{
    private readonly ClinicianPortalFixture _fixture;

    public ClinicianPortalTests(ClinicianPortalFixture fixture) => _fixture = fixture;

    private string RadiologyStudy => _fixture.Radiology[0].StudyInstanceUid;

    private string CardiologyStudy => _fixture.Cardiology[0].StudyInstanceUid;

    private async Task<List<Audit.AuditEntry>> AuditOfAsync(string subject)
    {
        var officer = _fixture.Cluster.ConnectAs(DevUser.Officer);
        var entries = new List<Audit.AuditEntry>();
        for (var node = 0; node < _fixture.Cluster.NodeCount; node++)
        {
            await foreach (var entry in officer.QueryAuditAsync(TestCluster.NodeId(node), new AuditQueryOptions { Subject = subject }, CancellationToken.None))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    [Fact]
    public async Task Clinician_SeesStudyOfTheirGroupNotOthers_PngAndDeidentifiedZip_NodesAuditClinicianWithBridgeAsDelegate()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.Clinician);
        var image = _fixture.Radiology.OrderBy(i => i.InstanceNumber).First();

        // Act
        var (home, homePage) = await client.GetAsync("/");
        var (study, studyPage) = await client.GetAsync($"/studies/{RadiologyStudy}");
        var (rendered, _) = await client.GetAsync($"/images/{image.SopInstanceUid}/rendered");
        using var zip = await client.Http.GetAsync(new Uri($"/studies/{RadiologyStudy}/zip", UriKind.Relative)).DefaultTimeout();
        var zipped = await zip.Content.ReadAsByteArrayAsync().DefaultTimeout();

        // Assert: the pages list the radiology study only, in the reader's wording, and name no patient.
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Studies you may read", homePage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/studies/{RadiologyStudy}\"", homePage, StringComparison.Ordinal);
        Assert.DoesNotContain(CardiologyStudy, homePage, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/access\"", homePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, study.StatusCode);
        Assert.Contains($"src=\"/images/{image.SopInstanceUid}/rendered\"", studyPage, StringComparison.Ordinal);
        Assert.DoesNotContain("withdraw", studyPage, StringComparison.OrdinalIgnoreCase);
        foreach (var page in new[] { homePage, studyPage })
        {
            Assert.DoesNotContain(image.PatientPseudonym, page, StringComparison.Ordinal);
            Assert.DoesNotContain(Hydra.Testing.Bridge.SampleStudy.Marker, page, StringComparison.Ordinal);
        }

        // The image is a PNG; the zip holds every image of the study, de-identified DICOM files.
        Assert.Equal("image/png", rendered.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await rendered.Content.ReadAsByteArrayAsync())[..4]);
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        using var archive = new ZipArchive(new MemoryStream(zipped));
        Assert.Equal(_fixture.Radiology.Count, archive.Entries.Count);
        var uids = new List<string>();
        foreach (var entry in archive.Entries)
        {
            using var bytes = new MemoryStream();
            await using (var stream = await entry.OpenAsync())
            {
                await stream.CopyToAsync(bytes).DefaultTimeout();
            }

            Assert.False(Leaks.Contains(bytes.ToArray()), $"{entry.FullName} carries an identifying value");
            uids.Add(DicomFile.Read(bytes.ToArray()).Dataset.GetString(DicomTags.SOPInstanceUID)!);
        }

        Assert.Equal(_fixture.Radiology.Select(i => i.SopInstanceUid).Order(), uids.Order());

        // The nodes released the key to the clinician's token subject, the bridge recorded as its delegate.
        var released = (await AuditOfAsync(_fixture.Subject(OidcProviderOptions.Clinician)))
            .Where(e => e.Operation.StartsWith("GetShare", StringComparison.Ordinal) && e.KeyId == image.KeyId && e.Outcome == "allowed").ToList();
        Assert.True(released.Count >= _fixture.Cluster.Threshold, $"{released.Count} nodes released a share");
        Assert.All(released, e => Assert.Equal(_fixture.Pki.Host("bridge").SubjectDn, e.Delegate));
        Assert.All(released, e => Assert.Contains("/hospital/radiology", e.Fqans));
    }

    [Fact]
    public async Task Clinician_PatientOnlyPagesAndUnreadableAddresses_SameNotFoundPage_NodesNotAsked()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.Clinician);
        var (_, home) = await client.GetAsync("/");
        var (_, missing) = await client.GetAsync("/studies/2.25.404");
        var forgedImage = _fixture.Cardiology[0];

        // Act
        var (access, accessPage) = await client.GetAsync("/access");
        using var withdraw = await client.PostFormAsync(
            $"/studies/{RadiologyStudy}/withdraw", new Dictionary<string, string> { ["__antiforgery"] = PortalClient.FormToken(home), ["confirm"] = "yes" });
        var withdrawPage = await withdraw.Content.ReadAsStringAsync().DefaultTimeout();
        var (study, studyPage) = await client.GetAsync($"/studies/{CardiologyStudy}");
        var (image, imagePage) = await client.GetAsync($"/images/{forgedImage.SopInstanceUid}/rendered");
        var (zip, zipPage) = await client.GetAsync($"/studies/{CardiologyStudy}/zip");

        // Assert: one page for all of them, byte for byte.
        foreach (var (response, page) in new[] { (access, accessPage), (withdraw, withdrawPage), (study, studyPage), (image, imagePage), (zip, zipPage) })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal(missing, page);
        }

        Assert.Null(zip.Content.Headers.ContentDisposition);
        Assert.DoesNotContain(await AuditOfAsync(_fixture.Subject(OidcProviderOptions.Clinician)), e => e.KeyId == forgedImage.KeyId);
    }

    [Fact]
    public async Task PatientWhoseGrantLacksImagingScope_Refused_NothingSignedIn_PatientWithIt_SignedIn()
    {
        // Arrange
        using var refused = _fixture.Client();
        using var granted = _fixture.Client();

        // Act
        using var callback = await refused.SignInAsync(ClinicianPortalFixture.PatientWithoutImaging);
        var refusal = await callback.Content.ReadAsStringAsync().DefaultTimeout();
        var (_, home) = await refused.GetAsync("/");
        using var control = await granted.SignInAsync(OidcProviderOptions.PatientA);

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("did not allow this portal", refusal, StringComparison.Ordinal);
        Assert.Null(refused.SessionCookie);
        Assert.Contains("href=\"/signin\"", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, control.StatusCode);
        Assert.NotNull(granted.SessionCookie);
    }

    [Fact]
    public async Task ClinicianTokenForAnotherAudience_Refused_NothingSignedIn()
    {
        // Arrange: a bridge whose portal asks tokens for a resource its Bridge:Tokens do not accept.
        await using var bridge = await _fixture.StartAnotherBridgeAsync(options => options.Portal.KeystoreResource = "https://elsewhere.hydra.test");
        using var client = _fixture.Client(bridge.PortalPort);

        // Act
        using var callback = await client.SignInAsync(OidcProviderOptions.Clinician);
        var refusal = await callback.Content.ReadAsStringAsync().DefaultTimeout();
        var (_, home) = await client.GetAsync("/");

        // Assert
        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("could not be checked for reading studies", refusal, StringComparison.Ordinal);
        Assert.Null(client.SessionCookie);
        Assert.Contains("href=\"/signin\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClinicianTokenExpires_SessionEnds_BeforeSessionMinutes()
    {
        // Arrange: a bridge on a clock the test moves; the provider's tokens last 5 minutes, sessions 15.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var bridge = await _fixture.StartAnotherBridgeAsync(_ => { }, clock);
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.Clinician, bridge.PortalPort);
        var (_, before) = await client.GetAsync("/");

        // Act: past the token's expiry (issued at or before now, for OidcProviderOptions' 5 minutes), well within SessionMinutes.
        clock.SetUtcNow(DateTimeOffset.UtcNow + new OidcProviderOptions().AccessTokenTtl + TimeSpan.FromSeconds(1));
        var (after, afterPage) = await client.GetAsync("/");
        var (study, _) = await client.GetAsync($"/studies/{RadiologyStudy}");

        // Assert
        Assert.Contains("Studies you may read", before, StringComparison.Ordinal);
        Assert.True(new BridgePortalOptions().SessionMinutes > new OidcProviderOptions().AccessTokenTtl.TotalMinutes);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("href=\"/signin\"", afterPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Studies you may read", afterPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, study.StatusCode);
    }
}
