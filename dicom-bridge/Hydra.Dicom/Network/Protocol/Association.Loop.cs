using System.Globalization;
using System.Net.Sockets;
using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>The receive loop: one PDU at a time, dispatched by type and phase (PS3.8 9.2 state table, Sta6-Sta13).</summary>
internal sealed partial class Association
{
    private async Task RunAsync()
    {
        Exception? ending = null;
        try
        {
            while (true)
            {
                var pdu = await _reader.ReadAsync(_limits, FirstByteTimeout(), _settings.IdleTimeout, _lifetime.Token).ConfigureAwait(false);
                if (pdu is null)
                {
                    OnClosedByPeer();
                    return;
                }

                if (!await OnPduAsync(pdu.Value).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (Volatile.Read(ref _terminated) != 0 && e is IOException or ObjectDisposedException
            or OperationCanceledException or SocketException or DicomException)
        {
            // Ended locally (abort, shutdown, dispose): the reason was logged there.
        }
        catch (DicomPduException e)
        {
            ending = e;
            DicomNetworkLog.ProtocolError(_logger, Context.Id, Context.RemoteEndPoint, e.Message);
            await AbortAsync(DicomAbortSource.ServiceProvider, e.Reason, e.Message, logAsError: true).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            ending = e;
            if (_phase == AssociationPhase.ReleaseResponseSent)
            {
                DicomNetworkLog.ArtimExpired(_logger, Context.Id, Context.RemoteEndPoint, "the peer did not close the connection after the release");
            }
            else
            {
                DicomNetworkLog.IdleTimeout(_logger, Context.Id, Context.RemoteEndPoint, e.Message);
            }

            await AbortAsync(DicomAbortSource.ServiceProvider, DicomPduReason.NotSpecified, e.Message, logAsError: true).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException)
        {
            ending = e;
            DicomNetworkLog.ConnectionLost(_logger, Context.Id, Context.RemoteEndPoint, e.Message);
        }
        catch (DicomException e)
        {
            ending = e;
            DicomNetworkLog.ProtocolError(_logger, Context.Id, Context.RemoteEndPoint, e.Message);
            await AbortAsync(DicomAbortSource.ServiceProvider, DicomPduReason.NotSpecified, e.Message, logAsError: true).ConfigureAwait(false);
        }
        finally
        {
            Terminate(ending ?? new DicomNetworkException("The association has ended."));
        }
    }

    // The peer owes a PDU mid-message, mid-release, or when nothing is under way on the acceptor's side; while this
    // side performs a request, the peer may rightly stay silent.
    private TimeSpan? FirstByteTimeout()
    {
        if (_phase is AssociationPhase.AwaitingReleaseResponse or AssociationPhase.ReleaseResponseSent or AssociationPhase.ReleaseRequested)
        {
            return _settings.ArtimTimeout;
        }

        if (_assembler.IsMidMessage)
        {
            return _settings.IdleTimeout;
        }

        if (!_pending.IsEmpty)
        {
            return _settings.DimseTimeout;
        }

        return _operations.IsEmpty && !IsRequestor ? _settings.IdleTimeout : null;
    }

    private void OnClosedByPeer()
    {
        if (_phase is AssociationPhase.ReleaseResponseSent)
        {
            DicomNetworkLog.Released(_logger, Context.Id);
            return;
        }

        if (_phase != AssociationPhase.Closed)
        {
            DicomNetworkLog.ConnectionLost(_logger, Context.Id, Context.RemoteEndPoint, "the peer closed the connection without release or abort");
        }
    }

    /// <summary>Handles one PDU; false ends the loop.</summary>
    private async ValueTask<bool> OnPduAsync(ReadOnlyMemory<byte> pdu)
    {
        var type = pdu.Span[0];
        switch ((PduType)type)
        {
            case PduType.DataTransfer when _phase is AssociationPhase.Established or AssociationPhase.AwaitingReleaseResponse:
                PduParser.ParseData(pdu.Span, _pdvs);
                foreach (var pdv in _pdvs)
                {
                    if (Context.FindContext(pdv.PresentationContextId) is not { IsAccepted: true })
                    {
                        throw new DicomPduException(type, pdv.Offset - 2, DicomPduReason.InvalidPduParameterValue,
                            string.Create(CultureInfo.InvariantCulture, $"presentation context {pdv.PresentationContextId} was not accepted"));
                    }

                    await _assembler.OnPdvAsync(pdv, pdu, _lifetime.Token).ConfigureAwait(false);
                }

                return true;
            case PduType.ReleaseRequest:
                return await OnReleaseRequestAsync(type).ConfigureAwait(false);
            case PduType.ReleaseResponse when _phase == AssociationPhase.AwaitingReleaseResponse:
                if (_releaseCollision && !IsRequestor)
                {
                    await SendPduAsync(PduEncoder.EncodeReleaseResponse(), _lifetime.Token).ConfigureAwait(false);
                }

                DicomNetworkLog.Released(_logger, Context.Id);
                _released.TrySetResult();
                return false;
            case PduType.Abort:
                var abort = PduParser.ParseAbort(pdu.Span);
                DicomNetworkLog.AbortedByPeer(_logger, Context.Id, Context.RemoteEndPoint, abort.Source, (int)abort.Reason);
                return false;
            default:
                throw new DicomPduException(type, 0, DicomPduReason.UnexpectedPdu,
                    string.Create(CultureInfo.InvariantCulture, $"not allowed while the association is {_phase}"));
        }
    }

    private async ValueTask<bool> OnReleaseRequestAsync(byte type)
    {
        switch (_phase)
        {
            case AssociationPhase.Established when !_assembler.IsMidMessage:
                _phase = AssociationPhase.ReleaseRequested;
                await WaitForOperationsAsync().ConfigureAwait(false);
                await SendPduAsync(PduEncoder.EncodeReleaseResponse(), _lifetime.Token).ConfigureAwait(false);
                _phase = AssociationPhase.ReleaseResponseSent;
                _released.TrySetResult();
                return true;
            case AssociationPhase.AwaitingReleaseResponse when IsRequestor:
                // Release collision, requestor side (PS3.8 9.2, Sta9): answer at once, then wait for the answer.
                await SendPduAsync(PduEncoder.EncodeReleaseResponse(), _lifetime.Token).ConfigureAwait(false);
                return true;
            case AssociationPhase.AwaitingReleaseResponse:
                // Release collision, acceptor side (Sta10): answer after the requestor's answer arrives.
                _releaseCollision = true;
                return true;
            default:
                throw new DicomPduException(type, 0, DicomPduReason.UnexpectedPdu,
                    string.Create(CultureInfo.InvariantCulture, $"A-RELEASE-RQ while the association is {_phase}"));
        }
    }

    // A peer asking to release has no request outstanding by rule, but its last responses may still be on their way.
    private async Task WaitForOperationsAsync()
    {
        var waited = TimeSpan.Zero;
        var step = TimeSpan.FromMilliseconds(10);
        while (!_operations.IsEmpty && waited < _settings.ArtimTimeout)
        {
            await Task.Delay(step, _timeProvider, _lifetime.Token).ConfigureAwait(false);
            waited += step;
        }

        foreach (var operation in _operations.Values)
        {
            operation.CancelByPeer();
        }
    }
}
