using System.Diagnostics;
using System.Globalization;
using Hydra.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Benchmarks.Keystore;

/// <summary>
/// What a node adds per call for a token it has already validated: <see cref="BearerAuthenticator"/>'s cached path
/// (SHA-256 of the token, a dictionary lookup, a copy of the caller), timed alone, and the token's size, which every
/// request carries in its <c>authorization</c> header. Puts the fetch ratios in scale.
/// </summary>
internal static class BearerPathTiming
{
    private const int Calls = 50_000;

    public static async Task PrintAsync(TokenSettings settings, string token)
    {
        using var bearer = new BearerAuthenticator(settings, TimeProvider.System, NullLoggerFactory.Instance);
        var first = Stopwatch.StartNew();
        await bearer.AuthenticateAsync(token, "127.0.0.1:1", CancellationToken.None);
        first.Stop();
        var cached = Stopwatch.StartNew();
        for (var i = 0; i < Calls; i++)
        {
            await bearer.AuthenticateAsync(token, "127.0.0.1:1", CancellationToken.None);
        }

        cached.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Bearer path on a node: first call (discovery, JWKS fetch, signature check) {first.Elapsed.TotalMilliseconds:F1} ms; "
            + $"cached {cached.Elapsed.TotalMicroseconds / Calls:F2} µs per call; token {token.Length} characters per request header."));
    }
}
