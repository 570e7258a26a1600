using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hydra.Testing.Oidc;

/// <summary>How the provider misbehaves, for fail-closed tests.</summary>
public enum OidcOutage
{
    /// <summary>Answers normally.</summary>
    None,

    /// <summary>Resets every connection without an answer.</summary>
    Refuse,

    /// <summary>Accepts connections and never answers.</summary>
    Hang,
}

/// <summary>
/// A real OpenID provider (npm <c>oidc-provider</c> 9.13.3 under node) on 127.0.0.1 port 0, configured by
/// <see cref="OidcProviderOptions"/> and killed on dispose. Missing node or npm packages fail the test.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    private static readonly string InteropDirectory = typeof(OidcProvider).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "OidcInteropDirectory").Value!;

    private readonly Process _process;
    private readonly TempDirectory _directory;
    private readonly string _adminSecret;
    private readonly StringBuilder _errors;

    private OidcProvider(Process process, TempDirectory directory, string adminSecret, StringBuilder errors, Uri issuer)
    {
        _process = process;
        _directory = directory;
        _adminSecret = adminSecret;
        _errors = errors;
        Issuer = issuer;
        Http = new HttpClient { BaseAddress = issuer };
    }

    /// <summary>The issuer (<c>iss</c>), e.g. <c>http://127.0.0.1:41234</c>, without a trailing slash.</summary>
    public Uri Issuer { get; }

    /// <summary>The issuer as the string tokens carry.</summary>
    public string IssuerText => Issuer.GetLeftPart(UriPartial.Authority);

    /// <summary>A client of the provider (no cookies); flows that need a browser session make their own.</summary>
    public HttpClient Http { get; }

    /// <summary>What node wrote to stderr (its warnings), for failure messages.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public static async Task<OidcProvider> StartAsync(OidcProviderOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new OidcProviderOptions();
        var node = Peers.Require("node", "nodejs");
        if (!File.Exists(Path.Combine(InteropDirectory, "node_modules", "oidc-provider", "package.json")))
        {
            throw new PeerMissingException($"The npm package oidc-provider is not installed in {InteropDirectory}. Run 'bash .ci/setup.sh' first.");
        }

        var directory = new TempDirectory("hydra-oidc");
        var adminSecret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var configPath = directory.Combine("provider.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(Configuration(options, adminSecret)), cancellationToken);

        var startInfo = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = InteropDirectory,
        };
        startInfo.ArgumentList.Add(Path.Combine(InteropDirectory, "provider.mjs"));
        startInfo.ArgumentList.Add(configPath);
        var process = Process.Start(startInfo)!;
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        try
        {
            var line = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().TimeoutAfter(TimeSpan.FromSeconds(30));
            if (line is null)
            {
                await process.WaitForExitAsync(cancellationToken).DefaultTimeout();
                throw new InvalidOperationException($"The OpenID provider exited with code {process.ExitCode}: {errors}");
            }

            var issuer = JsonDocument.Parse(line).RootElement.GetProperty("issuer").GetString()!;
            return new OidcProvider(process, directory, adminSecret, errors, new Uri(issuer));
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Adds a new RS256 and ES256 key pair that signs from now on (old keys stay in the JWKS); returns the new signing kid.</summary>
    public async Task<string> RotateKeysAsync(CancellationToken cancellationToken = default) =>
        (await AdminAsync("rotate", cancellationToken)).GetProperty("kid").GetString()!;

    /// <summary>Makes the provider stop (or resume) answering everything but this admin call.</summary>
    public Task SetOutageAsync(OidcOutage outage, CancellationToken cancellationToken = default) =>
        AdminAsync($"outage/{outage.ToString().ToLowerInvariant()}", cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().DefaultTimeout();
        }

        _process.Dispose();
        _directory.Dispose();
    }

    private async Task<JsonElement> AdminAsync(string action, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsync(new Uri($"/admin/{_adminSecret}/{action}", UriKind.Relative), null, cancellationToken).DefaultTimeout();
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).DefaultTimeout();
    }

    private static Dictionary<string, object> Configuration(OidcProviderOptions options, string adminSecret) => new()
    {
        ["adminSecret"] = adminSecret,
        ["accessTokenTtlSeconds"] = (int)options.AccessTokenTtl.TotalSeconds,
        ["signingAlgorithm"] = options.SigningAlgorithm,
        ["defaultResource"] = options.DefaultResource,
        ["scopes"] = options.Scopes,
        ["accounts"] = options.Accounts.Select(account => new Dictionary<string, object>
        {
            ["id"] = account.Id,
            ["groups"] = account.Groups,
            ["extraClaims"] = account.ExtraClaims ?? new Dictionary<string, object>(),
            ["withheldScopes"] = account.WithheldScopes,
        }).ToArray(),
        ["clients"] = OidcClients.Registrations(),
        ["portalScopes"] = OidcClients.PortalScopes,
        ["anyLoopbackPortClients"] = OidcClients.AnyLoopbackPortClients,
    };
}
