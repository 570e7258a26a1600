namespace Hydra.Cluster.Containers;

/// <summary>One chunk read by <see cref="ChunkReader"/>: its length and whether the input ends right after it.</summary>
internal readonly record struct Chunk(int Length, bool IsFinal);
