using System.Globalization;
using System.Security.Cryptography;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Hosting;
using Hydra.Keystore.Contract;
using Hydra.Testing.Cluster;
using Hydra.Testing.Oidc;
using Hydra.Testing.Pki;

namespace Hydra.Benchmarks.Keystore;

/// <summary>
/// <c>keystore-token-fetch [seconds] [concurrency,...] [rounds]</c>: the same keys fetched from a real three-node 2-of-3
/// <see cref="TestCluster"/> by one reader four ways, each over its own warm connections: an end-entity certificate,
/// a proxy with a VOMS AC (<c>voms-proxy-fake</c>), a bearer token from a real OpenID provider without a client
/// certificate, and the same token over a connection that presents the certificate. Cells run round-robin, the
/// variants' order rotating each round, so that a machine growing busier mid-run weighs on all of them; it prints
/// every cell, then per variant the median rate and the median of its per-round ratios to the end-entity fetch; then,
/// per concurrency, the variants interleaved call by call (<see cref="InterleavedFetch"/>) for as long as all rounds.
/// </summary>
public static class TokenFetchCommand
{
    private const string Audience = "https://keystore.hydra.test";
    private const int PoolSize = 512;

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        int[] concurrencies = args.Length > 1 ? [.. args[1].Split(',').Select(int.Parse)] : [1, 8];
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var duration = TimeSpan.FromSeconds(seconds);
        var warmup = TimeSpan.FromSeconds(Math.Min(2, seconds / 2));

        using var pki = new DevPkiFixture();
        // Tokens outlive the run: an expiry mid-cell would measure refusals.
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { AccessTokenTtl = TimeSpan.FromHours(2) });
        var tokens = new TokenSettings
        {
            AllowWithoutClientCertificate = true,
            Issuers = [new TokenIssuerSettings { Issuer = provider.IssuerText, Audiences = [Audience], Vos = ["hospital"], AllowHttpOnLoopback = true }],
        };
        await using var cluster = await TestCluster.StartAsync(pki.Pki, configure: options => options.Tokens = tokens);

        var reader = pki.Pki.User(DevUser.Reader);
        var certificate = new TlsCredential([reader.Certificate], reader.PrivateKey);
        var proxyFile = await VomsProxyFake.CreateFileAsync(pki, DevUser.Reader, VomsProxyFake.VomsArguments(pki, DevUser.Reader));
        var (proxyChain, proxyKey) = GridCredentialLoader.ReadProxyFile(proxyFile);
        var token = await provider.DeviceFlowAsync(OidcProviderOptions.Radiologist.Id, Audience, "openid storage.read:/");
        var tokenPrincipal = $"oidc:{provider.IssuerText}#{OidcProviderOptions.Radiologist.Id}";
        var pool = await RegisterPoolAsync(cluster, reader.SubjectDn, tokenPrincipal);

        (string Name, KeystoreCluster Client)[] variants =
        [
            ("end-entity certificate", cluster.ConnectAs(DevUser.Reader)),
            ("proxy + VOMS AC", cluster.Connect(new TlsCredential(proxyChain, proxyKey))),
            ("token, no client certificate", cluster.ConnectWithToken(token.AccessToken)),
            ("token + end-entity certificate", cluster.ConnectWithToken(token.AccessToken, certificate)),
        ];
        await CheckCallersAsync(variants, pool[0], reader.SubjectDn, tokenPrincipal);
        await BearerPathTiming.PrintAsync(tokens, token.AccessToken);

        var cells = new List<(int Round, int Variant, LoadResult Result)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var concurrency in concurrencies)
            {
                for (var step = 0; step < variants.Length; step++)
                {
                    var v = (step + round) % variants.Length;
                    var client = variants[v].Client;
                    var result = await LoadRunner.RunAsync($"get key, {variants[v].Name}", concurrency, 1, warmup, duration,
                        async (i, ct) => { using var key = await client.GetKeyAsync(pool[i % pool.Count], ct); });
                    cells.Add((round, v, result));
                }
            }
        }

        TokenFetchReport.Print(cells, [.. variants.Select(v => v.Name)], concurrencies, seconds, rounds);
        foreach (var concurrency in concurrencies)
        {
            await InterleavedFetch.RunAsync(variants, pool, concurrency, warmup, duration * rounds);
        }

        return 0;
    }

    /// <summary>Keys the reader may fetch by certificate (and so by proxy) and by token.</summary>
    private static async Task<List<KeyId>> RegisterPoolAsync(TestCluster cluster, string readerDn, string tokenPrincipal)
    {
        AclEntry[] acl = [AclEntry.For("dn:" + readerDn, KeyPermissions.GetShare), AclEntry.For(tokenPrincipal, KeyPermissions.GetShare)];
        var keys = Enumerable.Range(0, PoolSize).Select(_ => new KeyRegistration(KeyId.New(), RandomNumberGenerator.GetBytes(32), acl)).ToList();
        await cluster.ConnectAs(DevUser.Clinician).RegisterKeysAsync(keys, CancellationToken.None);
        return [.. keys.Select(k => k.KeyId)];
    }

    /// <summary>
    /// Fails the run unless each variant reaches the nodes as intended (a token holder as the token's subject with its
    /// groups, the proxy with its VOMS FQANs): a misconfigured run would otherwise measure the wrong path.
    /// </summary>
    private static async Task CheckCallersAsync((string Name, KeystoreCluster Client)[] variants, KeyId key, string readerDn, string tokenPrincipal)
    {
        foreach (var (name, client) in variants)
        {
            using var fetched = await client.GetKeyAsync(key, CancellationToken.None);
            var caller = (await client.GetStatusAsync(CancellationToken.None)).First(s => s.Reachable).Caller
                ?? throw new InvalidOperationException($"{name}: the node did not say who the caller is.");
            var expected = name.StartsWith("token", StringComparison.Ordinal) ? tokenPrincipal : readerDn;
            var fqans = name.StartsWith("proxy", StringComparison.Ordinal) || name.StartsWith("token", StringComparison.Ordinal);
            if (caller.Subject != expected || fqans != caller.Fqans.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{name}: the nodes saw {caller.Subject} with {caller.Fqans.Count} FQANs; expected {expected}{(fqans ? " with FQANs" : string.Empty)}.");
            }
        }
    }
}
