namespace Hydra.Keystore.Sealing;

/// <summary>
/// The storage seal cannot be opened or does not match the data: a missing module, token or key, a refused PIN, a key
/// file with loose permissions, or data sealed with another key. The message names what and where, never a PIN or key.
/// </summary>
public sealed class SealException : Exception
{
    public SealException()
    {
    }

    public SealException(string message)
        : base(message)
    {
    }

    public SealException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
