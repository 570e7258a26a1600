using System.IO.Compression;
using System.Net;
using Hydra.Testing;
using Hydra.Testing.Oidc;
using Hydra.Testing.Viewer;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// The portal's pages against a real bridge, a real OpenID provider, real TLS and headless Chromium (patient records:
/// the <see cref="FixedPatientRecords"/> test double): headers, CSRF on withdraw, limits, encoding, one 404.
/// </summary>
[Collection(PortalWebFixture.Collection)]
public sealed class PortalWebTests
{
    private readonly PortalWebFixture _fixture;

    public PortalWebTests(PortalWebFixture fixture) => _fixture = fixture;

    private void AssertSecurityHeaders(HttpResponseMessage response, bool page = true)
    {
        Assert.Equal(
            $"default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' {_fixture.Provider.IssuerText}; frame-ancestors 'none'; base-uri 'none'",
            string.Join(",", response.Headers.GetValues("Content-Security-Policy")));
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
        if (page)
        {
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? string.Empty, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task PatientSignsIn_SeesOwnStudyImageAndZip_EveryAnswerCarriesSecurityHeaders()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.PatientA);

        // Act
        var (home, homePage) = await client.GetAsync("/");
        var (study, studyPage) = await client.GetAsync($"/studies/{FixedPatientRecords.StudyA}");
        var (image, _) = await client.GetAsync($"/images/{FixedPatientRecords.SopA}/rendered");
        using var zip = await client.Http.GetAsync(new Uri($"/studies/{FixedPatientRecords.StudyA}/zip", UriKind.Relative)).DefaultTimeout();
        var (access, _) = await client.GetAsync("/access");
        var (missing, _) = await client.GetAsync("/no/such/page");
        var (css, _) = await client.GetAsync("/portal.css");
        using var signIn = await _fixture.Client().Http.GetAsync(new Uri("/signin", UriKind.Relative)).DefaultTimeout();

        // Assert
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("15 March 2024", homePage, StringComparison.Ordinal);
        Assert.Contains($"href=\"/studies/{FixedPatientRecords.StudyA}\"", homePage, StringComparison.Ordinal);
        Assert.DoesNotContain("ZQXHYDRAMARK", homePage, StringComparison.Ordinal);
        Assert.Contains($"src=\"/images/{FixedPatientRecords.SopA}/rendered\"", studyPage, StringComparison.Ordinal);
        Assert.Contains("alt=\"", studyPage, StringComparison.Ordinal);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.MediaType);
        var png = await image.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.Equal("attachment", zip.Content.Headers.ContentDisposition?.DispositionType);
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
        {
            Assert.Equal($"{FixedPatientRecords.SopA}.dcm", Assert.Single(archive.Entries).FullName);
        }

        foreach (var response in new[] { home, study, image, zip, access, missing })
        {
            AssertSecurityHeaders(response);
        }

        AssertSecurityHeaders(css, page: false);
        AssertSecurityHeaders(signIn, page: false);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith(_fixture.Provider.IssuerText, signIn.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdraw_WithoutAntiforgery_RefusedNothingChanged_WithIt_Withdrawn()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.PatientA);
        var (_, studyPage) = await client.GetAsync($"/studies/{FixedPatientRecords.StudyA}");
        var before = _fixture.Records.Withdrawals;
        var path = $"/studies/{FixedPatientRecords.StudyA}/withdraw";

        // Act
        using var forged = await client.PostFormAsync(path, new Dictionary<string, string> { ["confirm"] = "yes" });
        var afterForged = _fixture.Records.Withdrawals;
        using var genuine = await client.PostFormAsync(path, new Dictionary<string, string> { ["confirm"] = "yes", ["__antiforgery"] = PortalClient.FormToken(studyPage) });

        // Assert
        Assert.Contains("Withdraw research access", studyPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, afterForged);
        Assert.Equal(HttpStatusCode.OK, genuine.StatusCode);
        Assert.Equal(before + 1, _fixture.Records.Withdrawals);
        Assert.Contains("fqan:/research", await genuine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedHeaders_Refused()
    {
        // Arrange
        using var client = _fixture.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/", UriKind.Relative));
        request.Headers.Add("X-Padding", new string('a', 200_000));

        // Act
        using var response = await client.Http.SendAsync(request).DefaultTimeout();

        // Assert
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SignInBurst_AnsweredTooManyRequestsWithRetryAfter()
    {
        // Arrange: a client address of its own, so the other tests' sign-ins are not counted.
        using var client = _fixture.Client(IPAddress.Parse("127.0.0.77"));

        // Act
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i <= PortalWebFixture.SignInPerMinute && limited is null; i++)
        {
            var response = await client.Http.GetAsync(new Uri("/signin", UriKind.Relative)).DefaultTimeout();
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        using var callback = limited is null ? null : await client.Http.GetAsync(new Uri("/signin-oidc?code=x&state=y", UriKind.Relative)).DefaultTimeout();

        // Assert: the callback shares the limit (the limiter runs before the OpenID handler answers it).
        Assert.NotNull(limited);
        Assert.Equal(HttpStatusCode.TooManyRequests, callback!.StatusCode);
        using (limited)
        {
            Assert.Equal(PortalWebFixture.SignInPerMinute, statuses.Count(s => s == HttpStatusCode.Redirect));
            Assert.True(int.Parse(string.Join(",", limited.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
            AssertSecurityHeaders(limited);
        }
    }

    [Fact]
    public async Task HostileValues_HtmlEncoded()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.PatientA);

        // Act
        var (_, access) = await client.GetAsync("/access");
        var (_, home) = await client.GetAsync("/");

        // Assert
        Assert.DoesNotContain("<script>", access, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Dr Evil&quot;", access, StringComparison.Ordinal);
        Assert.Contains("node3 &lt;unreachable&gt;", access, StringComparison.Ordinal);
        Assert.Contains("<caption>", access, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>MR</b>", home, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;MR&lt;/b&gt;", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotYoursAndMissing_SameNotFound()
    {
        // Arrange
        using var client = await _fixture.SignedInAsync(OidcProviderOptions.PatientA);

        // Act
        var (notYours, notYoursPage) = await client.GetAsync($"/studies/{FixedPatientRecords.StudyB}");
        var (missing, missingPage) = await client.GetAsync("/studies/2.25.999999");
        var (notYoursImage, notYoursImagePage) = await client.GetAsync($"/images/{FixedPatientRecords.SopB}/rendered");
        var (missingImage, missingImagePage) = await client.GetAsync("/images/2.25.999999/rendered");
        var (notYoursZip, _) = await client.GetAsync($"/studies/{FixedPatientRecords.StudyB}/zip");
        var (readerRoute, _) = await client.GetAsync("/v1/images");

        // Assert
        Assert.All([notYours, missing, notYoursImage, missingImage, notYoursZip, readerRoute], r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(missingPage, notYoursPage);
        Assert.Equal(missingImagePage, notYoursImagePage);
        Assert.Equal(missingPage, missingImagePage);
        Assert.Null(notYoursZip.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task Chromium_PatientSignsInReadsDownloadsAndSignsOut_ForgedImage404_OldCookieDead()
    {
        // Arrange
        var portal = new Uri($"https://127.0.0.1:{_fixture.PortalPort}/");
        var screenshots = Path.Combine(AppContext.BaseDirectory, "screenshots", "portal-web");

        // Act
        var run = await PortalBrowser.RunAsync(
            portal, OidcProviderOptions.PatientA.Id, screenshots, "patient-a", [$"/images/{FixedPatientRecords.SopB}/rendered"]).TimeoutAfter(TimeSpan.FromMinutes(4));

        // Assert
        Assert.True(run.Failure is null && run.SignedIn, run.ToString());
        Assert.Equal("15 March 2024", Assert.Single(run.Studies).Text);
        var image = Assert.Single(run.Images);
        Assert.True(image.NaturalWidth > 0, run.ToString());
        Assert.Contains("series 1", image.Alt, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(run.Zip!))
        {
            Assert.Single(zip.Entries);
        }

        Assert.Contains(run.AccessRows, row => row.Contains(FixedPatientRecords.Hostile));
        Assert.Equal(404, Assert.Single(run.Forged).Status);
        Assert.True(run.SignedOut, run.ToString());
        Assert.False(run.ReplaySignedIn, run.ToString());
        Assert.Empty(run.Blocked);
        Assert.True(run.Screenshots.Count >= 6, run.ToString());
    }
}
