using System.Globalization;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>DIMSE messages: dispatching what arrives, sending requests and responses.</summary>
internal sealed partial class Association
{
    /// <summary>
    /// Sends a request and registers it before the first byte goes out, so its responses cannot be missed. The
    /// data set, if any, is written by <paramref name="writeDataset"/> into the P-DATA stream.
    /// </summary>
    public async Task<PendingRequest> SendRequestAsync(byte contextId, DicomDataset command, Func<Stream, CancellationToken, Task>? writeDataset,
        CancellationToken cancellationToken)
    {
        var id = new DimseCommand(command).MessageId;
        var pending = new PendingRequest(id, contextId);
        if (!_pending.TryAdd(id, pending))
        {
            throw new InvalidOperationException($"Message ID {id} is already outstanding.");
        }

        try
        {
            await SendMessageAsync(contextId, command, writeDataset, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _pending.TryRemove(id, out _);
            throw;
        }

        return pending;
    }

    /// <summary>Sends C-CANCEL-RQ for a request this side sent (PS3.7 9.3.2.3); its final response still follows.</summary>
    public Task SendCancelAsync(PendingRequest request, CancellationToken cancellationToken) =>
        SendMessageAsync(request.ContextId, DimseCommands.Cancel(request.MessageId), null, cancellationToken);

    /// <summary>Sends a (pending) response to <paramref name="request"/>.</summary>
    public Task SendResponseAsync(IncomingRequest request, DicomStatus status, DicomDataset? dataset, DicomSubOperationCounts? counts,
        string? errorComment, CancellationToken cancellationToken)
    {
        var command = DimseCommands.Response(request.Command, status, dataset is not null, errorComment, counts);
        var syntax = request.Context.TransferSyntax!;
        return SendMessageAsync(request.Context.Id, command,
            dataset is null ? null : (stream, ct) => DicomDatasetWriter.WriteAsync(dataset, stream, syntax, null, ct), cancellationToken);
    }

    /// <summary>
    /// Sends one message, command then data set, holding the send lock throughout so no other message interleaves
    /// (PS3.8 9.3.5). <paramref name="cancellationToken"/> only bounds the wait for the lock: once bytes flow, a
    /// message cut short would corrupt the association, so only its end (or the send timer) stops it, by abort.
    /// </summary>
    public async Task SendMessageAsync(byte contextId, DicomDataset command, Func<Stream, CancellationToken, Task>? writeDataset,
        CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfEnded();
            using var timeout = new LinkedTimeout(_settings.IdleTimeout, _timeProvider, _lifetime.Token);
            var commandStream = new PDataStream(_stream, _sendBuffer, contextId, isCommand: true);
            await commandStream.WriteAsync(DicomDatasetWriter.EncodeCommand(command), timeout.Token).ConfigureAwait(false);
            await commandStream.CompleteAsync(timeout.Token).ConfigureAwait(false);
            if (writeDataset is not null)
            {
                var datasetStream = new PDataStream(_stream, _sendBuffer, contextId, isCommand: false);
                await writeDataset(datasetStream, timeout.Token).ConfigureAwait(false);
                await datasetStream.CompleteAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && Volatile.Read(ref _terminated) == 0)
        {
            await AbortAsync("a message could not be sent in time").ConfigureAwait(false);
            throw new DicomNetworkException("Sending a DIMSE message failed; the association was aborted.", e);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException && Volatile.Read(ref _terminated) != 0)
        {
            throw new DicomNetworkException("The association ended while a message was being sent.", e);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void ThrowIfEnded()
    {
        if (Volatile.Read(ref _terminated) != 0)
        {
            throw new DicomNetworkException("The association has ended.");
        }
    }

    private async Task SendPduAsync(byte[] pdu, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(pdu, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private ValueTask<IDatasetSink?> OnCommandAsync(byte contextId, DimseCommand command, CancellationToken cancellationToken)
    {
        var context = Context.FindContext(contextId)!;
        if (command.IsResponse)
        {
            return ValueTask.FromResult(OnResponse(context, command));
        }

        if (command.Field == DimseCommandField.CCancelRequest)
        {
            if (_operations.TryGetValue(command.MessageIdBeingRespondedTo, out var operation))
            {
                DicomNetworkLog.OperationCancelled(_logger, Context.Id, operation.Request.Command.Field, operation.Request.Command.MessageId);
                operation.CancelByPeer();
            }

            return ValueTask.FromResult<IDatasetSink?>(command.HasDataset ? new BufferedDatasetSink(0, (_, _) => ValueTask.CompletedTask) : null);
        }

        if (_handler is null || _phase != AssociationPhase.Established)
        {
            throw new DicomNetworkException($"A {command.Field} request arrived where this side performs none.");
        }

        if (_operations.Count >= _settings.MaxOperations)
        {
            throw new DicomNetworkException(string.Create(CultureInfo.InvariantCulture,
                $"The peer exceeded the asynchronous operations window of {_settings.MaxOperations} outstanding requests."));
        }

        if (command.Field == DimseCommandField.CStoreRequest && command.HasDataset)
        {
            return ValueTask.FromResult<IDatasetSink?>(new StreamingDatasetSink(sink => StartOperation(new IncomingRequest(context, command, null, sink))));
        }

        if (!command.HasDataset)
        {
            StartOperation(new IncomingRequest(context, command, null, null));
            return ValueTask.FromResult<IDatasetSink?>(null);
        }

        return ValueTask.FromResult<IDatasetSink?>(new BufferedDatasetSink(_settings.MaxBufferedDatasetLength, (bytes, _) =>
        {
            string? error = null;
            DicomDataset? dataset = null;
            try
            {
                dataset = DicomDatasetReader.Read(bytes, context.TransferSyntax!, _settings.ReaderOptions);
            }
            catch (DicomFormatException e)
            {
                error = e.Message;
            }

            StartOperation(new IncomingRequest(context, command, dataset, null, error));
            return ValueTask.CompletedTask;
        }));
    }

    private IDatasetSink? OnResponse(DicomPresentationContext context, DimseCommand command)
    {
        var id = command.MessageIdBeingRespondedTo;
        if (!_pending.TryGetValue(id, out var pending))
        {
            throw new DicomNetworkException(string.Create(CultureInfo.InvariantCulture,
                $"A {command.Field} answers message {id}, which is not outstanding."));
        }

        if (!command.Status.IsPending)
        {
            _pending.TryRemove(id, out _);
        }

        if (!command.HasDataset)
        {
            pending.Deliver(new DimseResponse(command, null));
            return null;
        }

        return new BufferedDatasetSink(_settings.MaxBufferedDatasetLength, (bytes, _) =>
        {
            pending.Deliver(new DimseResponse(command, DicomDatasetReader.Read(bytes, context.TransferSyntax!, _settings.ReaderOptions)));
            return ValueTask.CompletedTask;
        });
    }

    private void StartOperation(IncomingRequest request)
    {
        var operation = new Operation(request, _lifetime.Token);
        if (!_operations.TryAdd(request.Command.MessageId, operation))
        {
            operation.Dispose();
            throw new DicomNetworkException(string.Create(CultureInfo.InvariantCulture,
                $"Message ID {request.Command.MessageId} is already being performed."));
        }

        _ = RunOperationAsync(operation);
    }

    private async Task RunOperationAsync(Operation operation)
    {
        var request = operation.Request;
        var final = await PerformAsync(operation).ConfigureAwait(false);
        request.Stream?.ReleaseReader();
        try
        {
            if (request.Stream is { } stream)
            {
                await stream.Received.ConfigureAwait(false);
            }

            // Retired before the final response leaves, so the peer's next request never finds the window full.
            _operations.TryRemove(request.Command.MessageId, out _);
            if (final is not null)
            {
                await SendResponseAsync(request, final.Status, final.Dataset, final.Counts, final.ErrorComment, _lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            // The association ended; its end was logged.
        }
        catch (Exception e) when (e is DicomException or ArgumentException)
        {
            // A response that cannot be encoded would leave the peer waiting for it until its own timer fires.
            DicomNetworkLog.ProtocolError(_logger, Context.Id, Context.RemoteEndPoint, $"the {request.Command.Field} response cannot be encoded: {e.Message}");
            await AbortAsync(DicomAbortSource.ServiceUser, DicomPduReason.NotSpecified, "a response could not be encoded", logAsError: true)
                .ConfigureAwait(false);
        }
        finally
        {
            _operations.TryRemove(request.Command.MessageId, out _);
            request.Stream?.Dispose();
            operation.Dispose();
        }
    }

    private async Task<FinalResponse?> PerformAsync(Operation operation)
    {
        var request = operation.Request;
        if (request.DatasetError is { } error)
        {
            return new FinalResponse(DicomStatus.CannotUnderstand, error);
        }

        try
        {
            return await _handler!.HandleAsync(this, request, operation.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (operation.CancelledByPeer && !_lifetime.IsCancellationRequested)
        {
            return new FinalResponse(DicomStatus.Cancel);
        }
        catch (Exception) when (_lifetime.IsCancellationRequested)
        {
            return null;
        }
        catch (Services.DicomServiceException e)
        {
            return new FinalResponse(e.Status, e.Message);
        }
        catch (Exception e)
        {
            var status = e is DicomFormatException ? DicomStatus.CannotUnderstand : DicomStatus.ProcessingFailure;
            DicomNetworkLog.HandlerFailed(_logger, Context.Id, request.Command.Field, status, e);
            return new FinalResponse(status, e is DicomException ? e.Message : "The request could not be processed.");
        }
    }
}
