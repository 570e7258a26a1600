namespace Hydra.Grid.Tls;

/// <summary>How <see cref="GridTlsStream.ConnectAsync"/> authenticates to a server and checks the server.</summary>
public sealed class GridTlsClientOptions
{
    /// <summary>The host name or address the caller meant to reach; sent as SNI when it is a name, and checked.</summary>
    public required string TargetHost { get; init; }

    /// <summary>Checks the server's chain and its identity. Required: Hydra never trusts a server blindly.</summary>
    public required ServerCertificateValidator ServerCertificateValidator { get; init; }

    /// <summary>The client's own credential (end-entity certificate or proxy chain), or null to present none.</summary>
    public TlsCredential? ClientCredential { get; init; }

    /// <summary>ALPN protocols to offer, in order of preference. Defaults to <c>h2</c> (gRPC).</summary>
    public IReadOnlyList<string> ApplicationProtocols { get; init; } = ["h2"];

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TargetHost);
        ArgumentNullException.ThrowIfNull(ServerCertificateValidator);
        ClientCredential?.Validate();
    }
}
