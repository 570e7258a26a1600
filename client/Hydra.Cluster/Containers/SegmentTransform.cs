namespace Hydra.Cluster.Containers;

/// <summary>Encrypts or decrypts one segment in place and returns the length of the bytes to write out.</summary>
internal delegate int SegmentTransform(SegmentCipher cipher, long index, Chunk chunk, Span<byte> buffer);
