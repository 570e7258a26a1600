using System.Net;
using System.Text.RegularExpressions;

namespace Hydra.Testing.Oidc;

/// <summary>
/// Fills the provider's devInteractions pages (device code, login, consent) the way a user would: one cookie jar,
/// redirects followed by hand, the first form on each page submitted with its hidden fields plus the given ones.
/// </summary>
public sealed partial class HeadlessBrowser : IDisposable
{
    private const int MaxSteps = 20;
    private readonly HttpClient _http;

    public HeadlessBrowser()
        : this(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
    }

    /// <summary>
    /// With the caller's handler (it must not follow redirects): its cookie jar is shared with the caller, e.g. a portal
    /// test that signs in here and then reads the portal's pages with the session cookie.
    /// </summary>
    public HeadlessBrowser(HttpMessageHandler handler, bool disposeHandler = true)
    {
        _http = new HttpClient(handler, disposeHandler);
    }

    /// <summary>
    /// Starts at <paramref name="start"/> and submits forms until a page has none (returns its address) or a
    /// redirect satisfies <paramref name="stopAt"/> (returns the redirect target, e.g. a client's callback).
    /// </summary>
    public async Task<Uri> RunAsync(Uri start, IReadOnlyDictionary<string, string> fields, Func<Uri, bool> stopAt, CancellationToken cancellationToken)
    {
        var address = start;
        HttpContent? post = null;
        for (var step = 0; step < MaxSteps; step++)
        {
            using var request = new HttpRequestMessage(post is null ? HttpMethod.Get : HttpMethod.Post, address) { Content = post };
            using var response = await _http.SendAsync(request, cancellationToken).DefaultTimeout();
            post = null;
            if ((int)response.StatusCode is >= 300 and < 400)
            {
                address = new Uri(address, response.Headers.Location!);
                if (stopAt(address))
                {
                    return address;
                }

                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                // The status only: the page may echo codes a test must not print.
                throw new HttpRequestException($"The provider answered {(int)response.StatusCode} at {address.AbsolutePath}.");
            }

            var page = await response.Content.ReadAsStringAsync(cancellationToken).DefaultTimeout();
            if (ErrorPattern().Match(page) is { Success: true } error)
            {
                // The provider's own wording (e.g. "The code you entered is incorrect"), never the code itself.
                throw new InvalidOperationException($"The provider refused the form at {address.AbsolutePath}: {WebUtility.HtmlDecode(error.Groups[1].Value)}");
            }

            var form = FormPattern().Match(page);
            if (!form.Success)
            {
                return address;
            }

            var action = WebUtility.HtmlDecode(AttributePattern("action").Match(form.Groups["attributes"].Value).Groups[1].Value);
            var values = new Dictionary<string, string>();
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                var name = AttributePattern("name").Match(input.Value);
                if (name.Success)
                {
                    var key = WebUtility.HtmlDecode(name.Groups[1].Value);
                    values[key] = fields.TryGetValue(key, out var given)
                        ? given
                        : WebUtility.HtmlDecode(AttributePattern("value").Match(input.Value).Groups[1].Value);
                }
            }

            address = new Uri(address, action);
            post = new FormUrlEncodedContent(values);
        }

        throw new InvalidOperationException($"The provider's pages did not finish within {MaxSteps} steps.");
    }

    public void Dispose() => _http.Dispose();

    private static Regex AttributePattern(string name) => new($"\\b{name}=\"([^\"]*)\"", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    [GeneratedRegex("<form\\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<p class=\"red\">(.*?)</p>", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex ErrorPattern();

    [GeneratedRegex("<input\\b[^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InputPattern();
}
