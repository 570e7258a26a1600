namespace Hydra.Testing;

/// <summary>Thrown when an interop test's real peer program is not installed.</summary>
public sealed class PeerMissingException : Exception
{
    public PeerMissingException()
    {
    }

    public PeerMissingException(string message)
        : base(message)
    {
    }

    public PeerMissingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
