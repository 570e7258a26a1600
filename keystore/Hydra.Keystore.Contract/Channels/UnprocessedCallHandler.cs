namespace Hydra.Keystore.Contract.Channels;

/// <summary>
/// Reports a call sent on a connection the node was closing as unavailable, so the channel's retry policy repeats it on
/// a new connection. A node that stops gracefully sends HTTP/2 GOAWAY with NO_ERROR; a call the client had already
/// put on that connection fails before any answer with an <see cref="HttpProtocolException"/> of code 0, which gRPC
/// maps to Internal (the gRPC HTTP/2 error-code table), not Unavailable, so it was never retried and the first call
/// after a node's restart could fail.
/// </summary>
internal sealed class UnprocessedCallHandler : DelegatingHandler
{
    private const long Http2NoError = 0;

    public UnprocessedCallHandler(HttpMessageHandler inner)
        : base(inner)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ClosedGracefully(ex))
        {
            // The protocol exception is left out of the chain: gRPC would map it to Internal before seeing the IOException.
            throw new HttpRequestException(HttpRequestError.ConnectionError,
                "The node closed the connection (HTTP/2 GOAWAY) before answering; the call was not processed.", new IOException(ex.Message));
        }
    }

    private static bool ClosedGracefully(Exception ex)
    {
        for (var current = ex.InnerException; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocol)
            {
                return protocol.ErrorCode == Http2NoError;
            }
        }

        return false;
    }
}
