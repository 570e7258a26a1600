namespace Hydra.Keystore.Contract;

/// <summary>
/// A message that breaks the keystore contract: a missing field, a hash of the wrong length, a principal that does not
/// parse. Thrown by <see cref="Mapping.ProtoMapping"/>; a node answers the caller's mistake with INVALID_ARGUMENT, and a
/// client names the node that sent it.
/// </summary>
public sealed class MalformedMessageException : FormatException
{
    public MalformedMessageException()
    {
    }

    public MalformedMessageException(string message)
        : base(message)
    {
    }

    public MalformedMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
