using System.Text.Json;
using Hydra.Keystore.Contract.Channels;

namespace Hydra.Cluster;

/// <summary>
/// The keystore cluster a client talks to: its nodes, the threshold M of shares needed to rebuild a key, and the
/// write quorum of nodes that must durably acknowledge a registration.
/// </summary>
/// <remarks>
/// File form (JSON): <c>{ "threshold": 2, "writeQuorum": 3, "nodes": [ { "id": "node1", "endpoint":
/// "keystore1.example.org:7443", "identity": "keystore1.example.org" }, ... ], "bridge": { ... }, "tokens": { ... } }</c>. The
/// write quorum defaults to every node: a key is then never stored with fewer than N shares.
/// </remarks>
public sealed record ClusterConfiguration
{
    public required IReadOnlyList<ClusterNode> Nodes { get; init; }

    /// <summary>Shares needed to rebuild a key (M). At least 2: one share alone must never be enough.</summary>
    public required int Threshold { get; init; }

    /// <summary>Nodes that must acknowledge a registration; null means every node.</summary>
    public int? WriteQuorum { get; init; }

    /// <summary>
    /// The DICOM bridge's reader endpoint (<c>hydra images</c>), checked like a node: <c>{ "id": "bridge",
    /// "endpoint": "bridge.example.org:8444", "identity": "bridge.example.org" }</c>. Optional.
    /// </summary>
    public ClusterNode? Bridge { get; init; }

    /// <summary>
    /// Where the cluster's users get bearer tokens (<c>hydra login</c>'s defaults): <c>{ "issuer":
    /// "https://iam.example.org/", "clientId": "hydra-cli", "scope": "openid", "resource": "urn:hydra:cluster:demo" }</c>.
    /// Optional; the nodes' own token settings are what decides which tokens they accept.
    /// </summary>
    public ClusterTokenSettings? Tokens { get; init; }

    /// <summary>The effective write quorum.</summary>
    public int EffectiveWriteQuorum => WriteQuorum ?? Nodes.Count;

    /// <summary>Checks the configuration and lists every problem.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Nodes is null || Nodes.Count < 2)
        {
            problems.Add("A cluster needs at least two nodes (three or more for availability).");
        }
        else
        {
            foreach (var node in Nodes)
            {
                if (string.IsNullOrWhiteSpace(node.Id))
                {
                    problems.Add($"A node with endpoint '{node.Endpoint}' has no id.");
                }

                try
                {
                    _ = node.Port;
                }
                catch (FormatException ex)
                {
                    problems.Add(ex.Message);
                }
            }

            foreach (var duplicate in Nodes.GroupBy(n => n.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"Node id '{duplicate.Key}' appears {duplicate.Count()} times.");
            }

            if (Threshold < 2 || Threshold > Nodes.Count)
            {
                problems.Add($"The threshold must be between 2 and the number of nodes ({Nodes.Count}); it is {Threshold}.");
            }

            if (EffectiveWriteQuorum < Threshold || EffectiveWriteQuorum > Nodes.Count)
            {
                problems.Add($"The write quorum must be between the threshold ({Threshold}) and the number of nodes ({Nodes.Count}); it is {EffectiveWriteQuorum}.");
            }
        }

        if (Bridge is not null)
        {
            try
            {
                _ = Bridge.Port;
            }
            catch (FormatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        if (Tokens?.Issuer is { } issuer && !Uri.TryCreate(issuer, UriKind.Absolute, out _))
        {
            problems.Add($"The tokens issuer '{issuer}' is not an absolute URL.");
        }

        if (problems.Count > 0)
        {
            throw new FormatException("Invalid cluster configuration: " + string.Join(" ", problems));
        }
    }

    /// <summary>Reads and validates a cluster file.</summary>
    public static ClusterConfiguration Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ClusterConfiguration? configuration;
        try
        {
            using var stream = File.OpenRead(path);
            configuration = JsonSerializer.Deserialize(stream, ClusterJsonContext.Default.ClusterConfiguration);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Cluster file '{path}' is not valid JSON: {ex.Message}", ex);
        }

        if (configuration is null)
        {
            throw new FormatException($"Cluster file '{path}' is empty.");
        }

        configuration.Validate();
        return configuration;
    }

    /// <summary>Writes this configuration as a cluster file.</summary>
    public void Save(string path)
    {
        Validate();
        File.WriteAllText(path, JsonSerializer.Serialize(this, ClusterJsonContext.Default.ClusterConfiguration));
    }
}

/// <summary>
/// The cluster file's <c>tokens</c> section: which OAuth2 issuer, client, scope and resource (RFC 8707 audience, one
/// the nodes accept) <c>hydra login</c> uses unless its options say otherwise. Every field is optional.
/// </summary>
public sealed record ClusterTokenSettings
{
    /// <summary>The issuer (its OpenID discovery document is at <c>/.well-known/openid-configuration</c> below it).</summary>
    public string? Issuer { get; init; }

    /// <summary>The public client registered at the issuer for the device authorization grant.</summary>
    public string? ClientId { get; init; }

    /// <summary>The scopes to ask for, space-separated.</summary>
    public string? Scope { get; init; }

    /// <summary>The audience to ask for: the cluster audience every node lists.</summary>
    public string? Resource { get; init; }
}
