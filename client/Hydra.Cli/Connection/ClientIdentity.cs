using Hydra.Cli.Tokens;
using Hydra.Grid;
using Hydra.Grid.Tls;

namespace Hydra.Cli.Connection;

/// <summary>
/// What hydra presents to the nodes: a bearer token (which then names the caller), a grid credential (which names the
/// caller when there is no token, and otherwise only secures the channel), or both; and the trust store that checks
/// the nodes' host certificates.
/// </summary>
internal sealed record ClientIdentity(DiscoveredToken? Token, GridCredential? Grid, GridTrustStore Trust)
{
    public TlsCredential? Tls => Grid is null ? null : new TlsCredential(Grid.Chain, Grid.PrivateKey);
}
