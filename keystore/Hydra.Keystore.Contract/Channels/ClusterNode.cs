namespace Hydra.Keystore.Contract.Channels;

/// <summary>One keystore node as the cluster file lists it.</summary>
/// <param name="Id">The node's id (its <c>Keystore:NodeId</c>), used in reports and audit correlation.</param>
/// <param name="Endpoint"><c>host:port</c> to connect to.</param>
/// <param name="Identity">
/// What the node's host certificate must prove: a DNS name or IP address matched against its subject alternative
/// names, or <c>dn:/DC=.../CN=...</c> for an exact subject. Defaults to the endpoint's host.
/// </param>
public sealed record ClusterNode(string Id, string Endpoint, string? Identity = null)
{
    /// <summary>The host part of <see cref="Endpoint"/>.</summary>
    public string Host => SplitEndpoint().Host;

    /// <summary>The port part of <see cref="Endpoint"/>.</summary>
    public int Port => SplitEndpoint().Port;

    /// <summary>The identity the node's certificate is checked against.</summary>
    public string ExpectedIdentity => string.IsNullOrWhiteSpace(Identity) ? Host : Identity;

    private (string Host, int Port) SplitEndpoint()
    {
        var colon = Endpoint.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(Endpoint.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port)
            || port is < 1 or > 65535)
        {
            throw new FormatException($"Node '{Id}': endpoint '{Endpoint}' is not host:port.");
        }

        return (Endpoint[..colon].Trim('[', ']'), port);
    }
}
