namespace Hydra.Keystore.Contract;

/// <summary>Who a node authenticated the caller as, and the node-level roles it holds there.</summary>
public sealed record CallerInfo(
    string Subject,
    string Issuer,
    IReadOnlyList<string> Fqans,
    int ProxyDepth,
    bool Limited,
    IReadOnlyList<string> Roles);
