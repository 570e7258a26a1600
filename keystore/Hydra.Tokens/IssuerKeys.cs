using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Hydra.Tokens;

/// <summary>
/// One issuer's signing keys, found through its discovery document and JWKS, cached for
/// <see cref="TokenIssuerOptions.KeyRefreshInterval"/> and fetched again early for an unknown <c>kid</c> (at most once
/// per <see cref="TokenIssuerOptions.UnknownKeyRefreshInterval"/>). A cache of our own rather than the library's
/// <c>ConfigurationManager</c>: that one refreshes in the background, so a rotated key would be refused once before it
/// is known, and it keeps time with the system clock, where ours follows the <see cref="TimeProvider"/>.
/// </summary>
internal sealed class IssuerKeys(TokenIssuerOptions options, HttpClient http, TimeProvider time, ILogger logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<SecurityKey>? _keys;
    private DateTimeOffset _fetchedAt;
    private DateTimeOffset? _unknownKeyFetchAt;

    /// <summary>The cached keys, fetched when there are none or they are due; stale keys serve while the issuer is down.</summary>
    public async Task<IReadOnlyList<SecurityKey>> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } keys)
        {
            return keys;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } fetched)
            {
                return fetched;
            }

            try
            {
                return await FetchAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TokenRefusedException) when (_keys is not null)
            {
                // The issuer is down but we hold its keys: keep using them, and try again after the short interval.
                _fetchedAt = time.GetUtcNow() - options.KeyRefreshInterval + options.UnknownKeyRefreshInterval;
                return _keys;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Fetches the keys again for a <c>kid</c> not among them, unless that was done less than the unknown-key interval
    /// ago; null when it was. Throws <see cref="TokenRefusal.IssuerUnreachable"/> when the issuer cannot be reached.
    /// </summary>
    public async Task<IReadOnlyList<SecurityKey>?> RefreshForUnknownKeyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_unknownKeyFetchAt is { } last && now - last < options.UnknownKeyRefreshInterval)
            {
                return null;
            }

            _unknownKeyFetchAt = now;
            return await FetchAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private IReadOnlyList<SecurityKey>? Fresh() =>
        _keys is { } keys && time.GetUtcNow() - _fetchedAt < options.KeyRefreshInterval ? keys : null;

    private async Task<IReadOnlyList<SecurityKey>> FetchAsync(CancellationToken cancellationToken)
    {
        OpenIdConnectConfiguration configuration;
        try
        {
            var retriever = new HttpDocumentRetriever(http) { RequireHttps = !options.AllowHttpOnLoopback };
            configuration = await OpenIdConnectConfigurationRetriever.GetAsync(options.DiscoveryAddress, retriever, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            TokenLog.KeysUnreachable(logger, options.Issuer, _keys is not null, ex);
            throw new TokenRefusedException(
                TokenRefusal.IssuerUnreachable, $"Token issuer '{options.Issuer}' could not be reached for its keys, and none are cached.", ex);
        }

        // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
        if (!string.Equals(configuration.Issuer, options.Issuer, StringComparison.Ordinal))
        {
            throw new TokenRefusedException(
                TokenRefusal.IssuerUnreachable, $"Token issuer '{options.Issuer}' published a discovery document for another issuer.");
        }

        _keys = [.. configuration.SigningKeys];
        TokenLog.KeysFetched(logger, options.Issuer, _keys.Count);
        _fetchedAt = time.GetUtcNow();
        return _keys;
    }
}
