using System.Collections.Concurrent;
using Hydra.Dicom.IO;
using Hydra.Dicom.Network.Pdu;
using Microsoft.Extensions.Logging;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// An established association (PS3.8 9.2, data transfer through release or abort), either side. One loop reads PDUs,
/// assembles DIMSE messages and hands requests to the <see cref="IRequestHandler"/> and responses to the requests
/// waiting for them; any task may send, one whole message at a time under a lock, so messages never interleave. A
/// protocol error, a timer or a lost connection ends only this association, with one log line saying why.
/// </summary>
internal sealed partial class Association : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly PduReader _reader;
    private readonly AssociationSettings _settings;
    private readonly IRequestHandler? _handler;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly byte[] _sendBuffer;
    private readonly MessageAssembler _assembler;
    private readonly List<Pdv> _pdvs = [];
    private readonly ConcurrentDictionary<ushort, PendingRequest> _pending = new();
    private readonly ConcurrentDictionary<ushort, Operation> _operations = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PduLimits _limits;
    private int _nextMessageId;
    private int _terminated;
    private bool _releaseCollision;
    private volatile AssociationPhase _phase = AssociationPhase.Established;

    public Association(Stream stream, PduReader reader, bool isRequestor, DicomAssociationContext context, AssociationSettings settings,
        IRequestHandler? handler, ILogger logger, TimeProvider timeProvider)
    {
        _stream = stream;
        _reader = reader;
        IsRequestor = isRequestor;
        Context = context;
        _settings = settings;
        _handler = handler;
        _logger = logger;
        _timeProvider = timeProvider;
        _sendBuffer = new byte[PDataStream.BufferSize(context.PeerMaxPduLength, settings.SendPduCap)];
        _assembler = new MessageAssembler(OnCommandAsync);
        _limits = new PduLimits(settings.MaxAssociatePduLength, settings.MaxReceivePduLength == 0 ? PduLimits.HardMaximum : settings.MaxReceivePduLength);
        Completion = Task.CompletedTask;
    }

    public DicomAssociationContext Context { get; }

    public bool IsRequestor { get; }

    /// <summary>Completes when the association has ended and its connection is closed.</summary>
    public Task Completion { get; private set; }

    /// <summary>Fires when the association ends, however it ends.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>True once the association was released in order (not aborted or lost).</summary>
    public bool WasReleased => _released.Task.IsCompletedSuccessfully;

    /// <summary>Number of requests from the peer being performed.</summary>
    public int OperationCount => _operations.Count;

    public DicomReaderOptions ReaderOptions => _settings.ReaderOptions;

    public TimeSpan DimseTimeout => _settings.DimseTimeout;

    public ILogger Logger => _logger;

    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Starts the receive loop.</summary>
    public void Start() => Completion = Task.Run(RunAsync);

    /// <summary>A message ID for a request this side sends (PS3.7 9.1.1.1: unique among outstanding ones).</summary>
    public ushort NextMessageId()
    {
        while (true)
        {
            var id = (ushort)Interlocked.Increment(ref _nextMessageId);
            if (id != 0 && !_pending.ContainsKey(id))
            {
                return id;
            }
        }
    }

    /// <summary>
    /// Releases the association in order (PS3.8 7.2): A-RELEASE-RQ, then the answer within ARTIM, handling a
    /// release collision; aborts when the answer does not come.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        if (_phase != AssociationPhase.Established)
        {
            await Completion.ConfigureAwait(false);
            return;
        }

        _phase = AssociationPhase.AwaitingReleaseResponse;
        try
        {
            await SendPduAsync(PduEncoder.EncodeReleaseRequest(), cancellationToken).ConfigureAwait(false);
            await _released.Task.WaitAsync(_settings.ArtimTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await AbortAsync("no A-RELEASE-RP within the ARTIM timeout").ConfigureAwait(false);
            throw new DicomNetworkException("The peer did not answer the release request; the association was aborted.");
        }
        catch (Exception) when (_released.Task.IsFaulted)
        {
            throw new DicomNetworkException("The association ended before the peer answered the release request.");
        }

        await Completion.ConfigureAwait(false);
    }

    /// <summary>Aborts as the service user (PS3.8 7.3): sends A-ABORT if it can, closes the connection, cancels everything.</summary>
    public Task AbortAsync(string why) => AbortAsync(DicomAbortSource.ServiceUser, DicomPduReason.NotSpecified, why, logAsError: false);

    public async ValueTask DisposeAsync()
    {
        if (_phase != AssociationPhase.Closed)
        {
            await AbortAsync("disposed while open").ConfigureAwait(false);
        }

        await Completion.ConfigureAwait(false);
        _reader.Dispose();
        _sendLock.Dispose();
        _lifetime.Dispose();
    }

    private async Task AbortAsync(DicomAbortSource source, DicomPduReason reason, string why, bool logAsError)
    {
        if (Volatile.Read(ref _terminated) != 0)
        {
            return;
        }

        if (!logAsError)
        {
            DicomNetworkLog.AbortedLocally(_logger, Context.Id, Context.RemoteEndPoint, why);
        }

        // A-ABORT may cut a message in half: PS3.8 allows it at any time, and nothing else will follow.
        try
        {
            using var timeout = new LinkedTimeout(TimeSpan.FromSeconds(2), _timeProvider, CancellationToken.None);
            await _stream.WriteAsync(PduEncoder.EncodeAbort(new AbortPdu(source, reason)), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or NotSupportedException
            or InvalidOperationException)
        {
            // The connection is already gone; closing it is all that is left.
        }

        Terminate(new DicomNetworkException($"The association was aborted: {why}"));
    }

    /// <summary>Ends the association: cancels operations, fails waiting requests, closes the connection. Idempotent.</summary>
    private void Terminate(Exception reason)
    {
        if (Interlocked.Exchange(ref _terminated, 1) != 0)
        {
            return;
        }

        _phase = AssociationPhase.Closed;
        _released.TrySetException(reason);
        _lifetime.Cancel();
        _assembler.Fail(reason);
        foreach (var pending in _pending.Values)
        {
            pending.Fail(reason);
        }

        _pending.Clear();
        _stream.Dispose();
    }
}
