using System.Buffers;
using System.Globalization;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Dimse;
using Hydra.Dicom.Network.Pdu;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// Puts DIMSE messages together from PDVs (PS3.8 9.3.5, PS3.7 6.3.1): command fragments until the last one, then,
/// if the command announces one, data set fragments on the same presentation context until the last one. Anything
/// else (a data fragment first, a switch of context or of kind mid-message, i.e. a second message interleaved) is a
/// protocol error.
/// </summary>
internal sealed class MessageAssembler
{
    private const int MaxCommandLength = 64 * 1024;

    private static readonly DicomReaderOptions CommandLimits = new() { MaxElements = 1024, MaxValueLength = MaxCommandLength };

    private readonly ArrayBufferWriter<byte> _command = new(512);
    private readonly Func<byte, DimseCommand, CancellationToken, ValueTask<IDatasetSink?>> _onCommand;
    private State _state;
    private byte _contextId;
    private IDatasetSink? _sink;

    /// <param name="onCommand">Called with each complete command; returns the sink for its data set, if it has one.</param>
    public MessageAssembler(Func<byte, DimseCommand, CancellationToken, ValueTask<IDatasetSink?>> onCommand) => _onCommand = onCommand;

    private enum State
    {
        Idle,
        Command,
        Dataset,
    }

    /// <summary>True while a message is partly received: the peer owes the rest.</summary>
    public bool IsMidMessage => _state != State.Idle;

    public async ValueTask OnPdvAsync(Pdv pdv, ReadOnlyMemory<byte> pdu, CancellationToken cancellationToken)
    {
        var fragment = pdu.Slice(pdv.Offset, pdv.Length);
        if (_state != State.Idle && pdv.PresentationContextId != _contextId)
        {
            throw Violation(pdv, $"a PDV on presentation context {pdv.PresentationContextId} interleaved with a message on context {_contextId}");
        }

        if (pdv.IsCommand)
        {
            if (_state == State.Dataset)
            {
                throw Violation(pdv, "a command fragment arrived before the last data set fragment of the previous message");
            }

            await OnCommandFragmentAsync(pdv, fragment, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (_state != State.Dataset)
        {
            throw Violation(pdv, _state == State.Idle
                ? "a data set fragment arrived without a command announcing one"
                : "a data set fragment arrived before the last command fragment");
        }

        await _sink!.WriteAsync(fragment, cancellationToken).ConfigureAwait(false);
        if (pdv.IsLast)
        {
            var sink = _sink;
            _sink = null;
            _state = State.Idle;
            await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The association ended: a data set still arriving fails.</summary>
    public void Fail(Exception reason)
    {
        _sink?.Fail(reason);
        _sink = null;
    }

    private async ValueTask OnCommandFragmentAsync(Pdv pdv, ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_state == State.Idle)
        {
            _state = State.Command;
            _contextId = pdv.PresentationContextId;
            _command.Clear();
        }

        if (_command.WrittenCount + fragment.Length > MaxCommandLength)
        {
            throw Violation(pdv, string.Create(CultureInfo.InvariantCulture, $"the command set exceeds {MaxCommandLength} bytes"));
        }

        _command.Write(fragment.Span);
        if (!pdv.IsLast)
        {
            return;
        }

        DimseCommand command;
        try
        {
            command = new DimseCommand(DicomDatasetReader.ReadCommand(_command.WrittenMemory.ToArray(), CommandLimits));
            _ = command.Field;
        }
        catch (DicomException e)
        {
            throw new DicomNetworkException($"A DIMSE command set is malformed: {e.Message}", e);
        }

        _state = command.HasDataset ? State.Dataset : State.Idle;
        _sink = await _onCommand(_contextId, command, cancellationToken).ConfigureAwait(false);
        if (command.HasDataset && _sink is null)
        {
            throw Violation(pdv, "internal: no sink for an announced data set");
        }
    }

    private static DicomPduException Violation(Pdv pdv, string detail) =>
        new((byte)PduType.DataTransfer, pdv.Offset - 6, DicomPduReason.UnexpectedPduParameter, detail);
}
