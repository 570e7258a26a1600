using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
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

    /// <summary>Signs in as <paramref name="account"/> at the portal's provider; returns the callback's answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(OidcAccount account) =>
        await Http.GetAsync(await CallbackAsync(account)).DefaultTimeout();

    /// <summary>
    /// Starts a sign-in and logs in at the provider, stopping at the provider's redirect to the portal's callback: the
    /// callback address (code, state, iss), not yet delivered; the portal's correlation cookie is in the jar.
    /// </summary>
    public async Task<Uri> CallbackAsync(OidcAccount account)
    {
        using var start = await Http.GetAsync(new Uri("/signin", UriKind.Relative)).DefaultTimeout();
        if (start.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"/signin answered {(int)start.StatusCode}, not a redirect to the provider.");
        }

        using var browser = new HeadlessBrowser(_handler, disposeHandler: false);
        return await browser.RunAsync(start.Headers.Location!, Login(account), IsCallback, CancellationToken.None);
    }

    /// <summary>
    /// An authorization code <paramref name="provider"/> issues to <paramref name="clientId"/> for
    /// <paramref name="account"/>, sent to this portal's callback: what an attacker holding another client's (or
    /// another provider's) code could inject. Its own browser, so the portal's jar is untouched.
    /// </summary>
    public async Task<(string Code, string Issuer)> ForeignCodeAsync(OidcProvider provider, string clientId, OidcAccount account)
    {
        var redirect = new Uri(BaseAddress, "/signin-oidc");
        var challenge = Base64Url(RandomNumberGenerator.GetBytes(32));
        var authorization = new Uri(provider.Issuer, "/auth?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["redirect_uri"] = redirect.AbsoluteUri,
            ["response_type"] = "code",
            ["response_mode"] = "query",
            ["scope"] = "openid fhirUser launch/patient",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            ["state"] = "attacker",
            ["nonce"] = "attacker",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        using var browser = new HeadlessBrowser();
        var callback = await browser.RunAsync(authorization, Login(account), IsCallback, CancellationToken.None);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        return (query["code"] ?? throw new InvalidOperationException($"The provider issued no code: {query["error"]}"), query["iss"] ?? provider.IssuerText);
    }

    /// <summary>A callback address with another code and issuer in place of the provider's.</summary>
    public static Uri Inject(Uri callback, string code, string issuer)
    {
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        query["code"] = code;
        query["iss"] = issuer;
        return new UriBuilder(callback) { Query = query.ToString() }.Uri;
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

    private bool IsCallback(Uri uri) => uri.Port == BaseAddress.Port && uri.AbsolutePath == "/signin-oidc";

    private static Dictionary<string, string> Login(OidcAccount account) => new() { ["login"] = account.Id, ["password"] = "any" };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

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
