using Hydra.Keystore.Contract;
namespace Hydra.Cluster;

/// <summary>The outcome of delivering one waiting share: delivered (or already there), or why not.</summary>
public sealed record HandoffDelivery(KeyId KeyId, bool Delivered, NodeFailure? Failure);
