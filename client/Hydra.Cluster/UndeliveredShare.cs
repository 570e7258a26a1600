using Hydra.Keystore.Contract.Channels;
using Hydra.Sharing;

namespace Hydra.Cluster;

/// <summary>
/// A share a node did not acknowledge although the write quorum was met. The caller may keep it for later
/// delivery (the bridge's hand-off queue does, encrypted to that node); otherwise the key simply has one share
/// fewer.
/// </summary>
public sealed record UndeliveredShare(ClusterNode Node, ShareEnvelope Envelope);
