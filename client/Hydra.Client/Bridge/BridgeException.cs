using System.Net;

namespace Hydra.Client.Bridge;

/// <summary>The bridge refused a request or could not be reached; the message says which and why.</summary>
public sealed class BridgeException : Exception
{
    public BridgeException()
    {
    }

    public BridgeException(string message)
        : base(message)
    {
    }

    public BridgeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BridgeException(HttpStatusCode? status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Status = status;
    }

    /// <summary>The HTTP status of a refusal; null when the bridge was not reached.</summary>
    public HttpStatusCode? Status { get; }
}
