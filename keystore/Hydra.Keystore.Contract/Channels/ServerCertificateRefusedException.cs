namespace Hydra.Keystore.Contract.Channels;

/// <summary>
/// A grid channel refused the server's certificate: in the TLS handshake, or when checked again after the trust store
/// reloaded. A trust problem (a wrong identity in the cluster file, an untrusted CA, a revoked or expired certificate,
/// or another host answering at the endpoint), not an outage: callers report it as such.
/// </summary>
public sealed class ServerCertificateRefusedException : IOException
{
    public ServerCertificateRefusedException()
    {
    }

    public ServerCertificateRefusedException(string message)
        : base(message)
    {
    }

    public ServerCertificateRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ServerCertificateRefusedException(string serverId, string reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ServerId = serverId;
        Reason = reason;
    }

    /// <summary>The id of the server (node or bridge) as the cluster file names it.</summary>
    public string ServerId { get; } = string.Empty;

    /// <summary>Why the certificate was refused, as the host certificate check said it.</summary>
    public string Reason { get; } = string.Empty;

    /// <summary>Whether the certificate had been accepted and was refused when checked again after the trust store reloaded.</summary>
    public bool NoLongerTrusted { get; init; }

    /// <summary>The refusal in <paramref name="exception"/> or its inner exceptions, or null.</summary>
    public static ServerCertificateRefusedException? Find(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ServerCertificateRefusedException refused)
            {
                return refused;
            }

            if (current is Grpc.Core.RpcException { Status.DebugException: { } debug } && Find(debug) is { } inRpc)
            {
                return inRpc;
            }
        }

        return null;
    }
}
