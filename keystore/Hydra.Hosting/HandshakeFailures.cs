using System.Net;
using Hydra.Grid.Tls;

namespace Hydra.Hosting;

/// <summary>
/// What a failed server handshake is reported as, in one place for every grid TLS server (Kestrel's middleware and the
/// bridge's DICOM TLS port): the client's address without its port, and a typed reason.
/// </summary>
public static class HandshakeFailures
{
    /// <summary>The refusal for <paramref name="failure"/>, thrown by <c>GridTlsStream.AcceptAsync</c>.</summary>
    /// <param name="connectionClosed">Cancelled when the peer closed the connection (otherwise a cancellation is a timeout).</param>
    public static HandshakeRefusal Of(Exception failure, EndPoint? remote, CancellationToken connectionClosed)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var reason = failure switch
        {
            GridTlsException tls => tls.Reason,
            OperationCanceledException when !connectionClosed.IsCancellationRequested => HandshakeRefusalReason.TimedOut,
            _ => HandshakeRefusalReason.Closed,
        };
        var detail = failure is OperationCanceledException ? "The TLS handshake did not finish in time or was abandoned." : failure.Message;
        return new HandshakeRefusal(AddressOf(remote), reason, detail);
    }

    /// <summary>The address alone (an IPv4 client of a dual-stack socket as plain IPv4): one key per client machine.</summary>
    public static string AddressOf(EndPoint? remote) => remote switch
    {
        IPEndPoint endpoint => (endpoint.Address.IsIPv4MappedToIPv6 ? endpoint.Address.MapToIPv4() : endpoint.Address).ToString(),
        null => "unknown",
        _ => remote.ToString() ?? "unknown",
    };

    /// <summary>Tells every sink; sinks must not throw (see <see cref="IHandshakeRefusalSink"/>).</summary>
    public static void Report(IReadOnlyList<IHandshakeRefusalSink> sinks, HandshakeRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        foreach (var sink in sinks)
        {
            sink.Refused(refusal);
        }
    }
}
