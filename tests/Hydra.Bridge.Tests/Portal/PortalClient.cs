using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Hydra.CertsDev;
using Hydra.Testing;
using Hydra.Testing.Oidc;

namespace Hydra.Bridge.Tests.Portal;

/// <summary>
/// A cookie-keeping HTTPS client of the portal that trusts the dev CA (the dev host certificate names the bridge, not
/// 127.0.0.1, so only the chain is checked) and follows no redirects, so each answer can be inspected.
/// </summary>
internal sealed partial class PortalClient : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public PortalClient(DevPki pki, int port, IPAddress? source = null)
    {
        Cookies = new CookieContainer();
        BaseAddress = new Uri($"https://127.0.0.1:{port}/");
        using var ca = X509CertificateLoader.LoadCertificateFromFile(pki.CaCertificatePath);
        var root = X509CertificateLoader.LoadCertificate(ca.RawData);
        _handler = new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            AllowAutoRedirect = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => certificate is X509Certificate2 c && ChainsTo(c, root, errors) },
        };
        if (source is not null)
        {
            // Another loopback source address: a client the sign-in limit counts apart from the other tests.
            _handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        Http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = BaseAddress };
    }

    public CookieContainer Cookies { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The session cookie's value, or null.</summary>
    public string? SessionCookie => Cookies.GetCookies(BaseAddress)["__Host-hydra-session"]?.Value;

    /// <summary>Signs in at <paramref name="provider"/> as <paramref name="account"/>; returns the callback's answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(OidcAccount account, Func<Uri, Uri>? rewriteAuthorization = null)
    {
        using var start = await Http.GetAsync(new Uri("/signin", UriKind.Relative)).DefaultTimeout();
        if (start.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"/signin answered {(int)start.StatusCode}, not a redirect to the provider.");
        }

        var authorization = rewriteAuthorization is null ? start.Headers.Location! : rewriteAuthorization(start.Headers.Location!);
        using var browser = new HeadlessBrowser(_handler, disposeHandler: false);
        var fields = new Dictionary<string, string> { ["login"] = account.Id, ["password"] = "any" };
        var callback = await browser.RunAsync(
            authorization, fields, uri => uri.Port == BaseAddress.Port && uri.AbsolutePath == "/signin-oidc", CancellationToken.None);
        return await Http.GetAsync(callback).DefaultTimeout();
    }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await Http.GetAsync(new Uri(path, UriKind.Relative)).DefaultTimeout();
        return (response, await response.Content.ReadAsStringAsync().DefaultTimeout());
    }

    public async Task<HttpResponseMessage> PostFormAsync(string path, IReadOnlyDictionary<string, string> fields) =>
        await Http.PostAsync(new Uri(path, UriKind.Relative), new FormUrlEncodedContent(fields)).DefaultTimeout();

    /// <summary>The antiforgery token of a page's forms.</summary>
    public static string FormToken(string page) => TokenPattern().Match(page) is { Success: true } match
        ? WebUtility.HtmlDecode(match.Groups[1].Value)
        : throw new InvalidOperationException("The page has no antiforgery field.");

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    private static bool ChainsTo(X509Certificate2 certificate, X509Certificate2 root, SslPolicyErrors errors)
    {
        if ((errors & ~(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    [GeneratedRegex("name=\"__antiforgery\" value=\"([^\"]+)\"", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}
