namespace Hydra.Keystore.Sealing;

/// <summary>
/// The key that wraps a node's data key: a key file or an HSM key. It is needed at start only, to unwrap the data key
/// (or wrap a new one for a new data file); the node then closes it.
/// </summary>
public interface ISealKey : IDisposable
{
    SealKind Kind { get; }

    /// <summary>The wrapping mechanism, recorded beside the wrapped key (FORMAT.md section 2).</summary>
    string Mechanism { get; }

    /// <summary>Where the key is, for logs and errors: a path, or module, token and key label. Never secret.</summary>
    string Description { get; }

    /// <summary>Wraps a 32-byte data key; for a key file that does not exist yet, creates it first.</summary>
    byte[] Wrap(ReadOnlySpan<byte> dataKey);

    /// <summary>Unwraps a data key wrapped with <paramref name="mechanism"/>; throws <see cref="SealException"/> when this key did not wrap it.</summary>
    byte[] Unwrap(string mechanism, ReadOnlySpan<byte> wrapped);
}
