using System.Net;
using System.Net.Sockets;
using Hydra.Dicom.Network.Pdu;
using Hydra.Dicom.Network.Protocol;
using Hydra.Dicom.Network.Tls;

namespace Hydra.Dicom.Network;

/// <summary>One accepted connection: TLS, then the A-ASSOCIATE-RQ within ARTIM, negotiation, and the association.</summary>
public sealed partial class DicomServer
{
    private async Task ServeConnectionAsync(Socket socket, bool tls)
    {
        var id = Interlocked.Increment(ref _nextAssociationId);
        var remote = socket.RemoteEndPoint;
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        PduReader? reader = null;
        Association? association = null;
        using var ticket = _admission.Connect(((IPEndPoint)remote!).Address);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, ticket.Displaced);
        try
        {
            IDicomPeerIdentity? identity = null;
            if (tls)
            {
                try
                {
                    using var handshake = new LinkedTimeout(_options.ArtimTimeout, _timeProvider, waiting.Token);
                    var connection = await _options.Tls!.AcceptAsync(stream, remote, handshake.Token).ConfigureAwait(false);
                    stream = connection.Stream;
                    identity = connection.PeerIdentity;
                }
                catch (DicomTlsRefusedException) when (!ticket.Displaced.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (!_stopping.IsCancellationRequested)
                {
                    DicomNetworkLog.TlsFailed(_logger, remote, ticket.Displaced.IsCancellationRequested ? DisplacedText : e.Message);
                    return;
                }
            }

            reader = new PduReader(stream, _timeProvider, tls ? null : socket);
            association = await NegotiateAsync(id, socket, stream, reader, identity, tls, ticket, waiting.Token).ConfigureAwait(false);
            if (association is null)
            {
                return;
            }

            _associations[id] = association;
            association.Start();
            await association.Completion.ConfigureAwait(false);
        }
        catch (Exception) when (_stopping.IsCancellationRequested && association is null)
        {
            // Shutting down before the association began.
        }
        finally
        {
            _associations.TryRemove(id, out _);
            if (association is not null)
            {
                await association.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                reader?.Dispose();
                await stream.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Reads and answers the A-ASSOCIATE-RQ; null (after one log line) when no association results.</summary>
    private async Task<Association?> NegotiateAsync(long id, Socket socket, Stream stream, PduReader reader, IDicomPeerIdentity? identity, bool tls,
        AssociationAdmission.Ticket ticket, CancellationToken waiting)
    {
        var remote = socket.RemoteEndPoint;
        AssociatePdu request;
        try
        {
            var limits = new PduLimits(_options.MaxAssociatePduLength, _options.MaxAssociatePduLength);
            var pdu = await reader.ReadAsync(limits, _options.ArtimTimeout, _options.ArtimTimeout, waiting).ConfigureAwait(false);
            if (pdu is null)
            {
                DicomNetworkLog.ConnectionLost(_logger, id, remote, "closed before sending A-ASSOCIATE-RQ");
                return null;
            }

            if (pdu.Value.Span[0] != (byte)PduType.AssociateRequest)
            {
                throw new DicomPduException(pdu.Value.Span[0], 0, DicomPduReason.UnexpectedPdu, "the first PDU must be A-ASSOCIATE-RQ");
            }

            request = PduParser.ParseAssociate(pdu.Value.Span);
        }
        catch (DicomPduException e)
        {
            DicomNetworkLog.ProtocolError(_logger, id, remote, e.Message);
            await TrySendAsync(stream, PduEncoder.EncodeAbort(new AbortPdu(DicomAbortSource.ServiceProvider, e.Reason))).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException e)
        {
            DicomNetworkLog.ArtimExpired(_logger, id, remote, e.Message);
            return null;
        }
        catch (IOException e)
        {
            DicomNetworkLog.ConnectionLost(_logger, id, remote, e.Message);
            return null;
        }
        catch (OperationCanceledException) when (ticket.Displaced.IsCancellationRequested && !_stopping.IsCancellationRequested)
        {
            DicomNetworkLog.ConnectionDisplaced(_logger, id, remote, _options.MaxAssociationsPerAddress);
            return null;
        }

        var outcome = AcceptorNegotiator.Negotiate(request, _options, _services);
        if (outcome.Accept is not null && _admission.Admit(ticket, request.CallingAeTitle) is { } limit)
        {
            DicomNetworkLog.TooManyAssociations(_logger, request.CallingAeTitle, remote, limit);
            outcome = NegotiationOutcome.Rejected(DicomRejectResult.Transient, DicomRejectSource.ServiceProviderPresentation,
                DicomRejectReasons.LocalLimitExceeded);
        }
        else if (outcome.Accept is null)
        {
            DicomNetworkLog.Rejected(_logger, id, request.CallingAeTitle, request.CalledAeTitle, remote, outcome.RejectReason);
        }

        if (outcome.Accept is null)
        {
            await TrySendAsync(stream, PduEncoder.EncodeReject(outcome.Reject!)).ConfigureAwait(false);
            return null;
        }

        var context = new DicomAssociationContext(id, request.CallingAeTitle, request.CalledAeTitle, remote, socket.LocalEndPoint, identity, tls,
            outcome.Contexts)
        {
            RoleSelections = outcome.Roles,
            ExtendedNegotiations = request.UserInformation.ExtendedNegotiations,
            PeerMaxPduLength = request.UserInformation.MaxPduLength,
            MaxPduLength = _options.MaxPduLength,
            PeerImplementationClassUid = request.UserInformation.ImplementationClassUid,
            PeerImplementationVersionName = request.UserInformation.ImplementationVersionName,
        };
        if (!await TrySendAsync(stream, PduEncoder.EncodeAssociate(outcome.Accept, request: false)).ConfigureAwait(false))
        {
            DicomNetworkLog.ConnectionLost(_logger, id, remote, "closed before the A-ASSOCIATE-AC could be sent");
            return null;
        }

        var accepted = outcome.Contexts.Count(c => c.IsAccepted);
        DicomNetworkLog.Accepted(_logger, id, request.CallingAeTitle, request.CalledAeTitle, remote, accepted, outcome.Contexts.Count);
        var settings = new AssociationSettings
        {
            ArtimTimeout = _options.ArtimTimeout,
            IdleTimeout = _options.IdleTimeout,
            DimseTimeout = _options.DimseTimeout,
            MaxReceivePduLength = _options.MaxPduLength,
            MaxAssociatePduLength = _options.MaxAssociatePduLength,
            MaxBufferedDatasetLength = _options.MaxIdentifierLength,
            MaxOperations = outcome.MaxOperations,
            ReaderOptions = _options.ReaderOptions,
        };
        return new Association(stream, reader, isRequestor: false, context, settings, _requestHandler, _logger, _timeProvider);
    }

    private const string DisplacedText = "a newer connection from the same address took its place";

    private async Task<bool> TrySendAsync(Stream stream, byte[] pdu)
    {
        try
        {
            using var timeout = new LinkedTimeout(_options.ArtimTimeout, _timeProvider, _stopping.Token);
            await stream.WriteAsync(pdu, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return false;
        }
    }
}
