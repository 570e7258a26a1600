namespace Hydra.Client.Auditing;

/// <summary>
/// One validly signed statement "the trail held <see cref="Sequence"/> records ending in <see cref="Hash"/>", with
/// every node that holds a copy of it.
/// </summary>
internal sealed record CheckpointStatement(long Sequence, ReadOnlyMemory<byte> Hash, DateTimeOffset Time, IReadOnlyList<string> Holders)
{
    /// <summary>The hash in hex, lower case.</summary>
    public string HashText => Convert.ToHexStringLower(Hash.Span);

    /// <summary>Whether a node other than <paramref name="nodeId"/> (the signer) holds a copy.</summary>
    public bool IsWitnessedFor(string nodeId) => Holders.Any(h => !string.Equals(h, nodeId, StringComparison.Ordinal));

    /// <summary>Who holds it, for messages: "node2, node3".</summary>
    public string HolderList => string.Join(", ", Holders);
}
