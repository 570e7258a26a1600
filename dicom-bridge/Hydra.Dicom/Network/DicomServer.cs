using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Hydra.Dicom.Network.Protocol;
using Hydra.Dicom.Network.Services;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hydra.Dicom.Network;

/// <summary>
/// A DICOM node accepting associations (SCP, PS3.8 association acceptor) on a plain port, a TLS port, or both:
/// C-ECHO always, and C-STORE, C-FIND, C-GET, C-MOVE as <see cref="DicomServerHandlers"/> provide. Each connection
/// runs on its own; a bad peer ends only its own association, with one log line. <see cref="StopAsync"/> stops
/// accepting, lets open associations finish within <see cref="DicomServerOptions.ShutdownTimeout"/>, then aborts them.
/// </summary>
public sealed partial class DicomServer : IAsyncDisposable
{
    private static long _nextAssociationId;

    private readonly DicomServerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ServerRequestHandler _requestHandler;
    private readonly ServiceSet _services;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Association> _associations = new();
    private readonly ConcurrentDictionary<Task, bool> _connections = new();
    private readonly AssociationAdmission _admission;
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private int _stopped;

    public DicomServer(DicomServerOptions options, DicomServerHandlers handlers, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        options.Validate();
        _options = options;
        _admission = new AssociationAdmission(options);
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<DicomServer>();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _services = new ServiceSet(handlers.Store is not null, handlers.Find is not null, handlers.Retrieve is not null, handlers.Retrieve is not null);
        _requestHandler = new ServerRequestHandler(handlers, new RetrieveService(handlers.Retrieve, options, loggerFactory, _timeProvider));
    }

    /// <summary>The plain TCP end point once started (the real port when 0 was asked); null when disabled.</summary>
    public IPEndPoint? EndPoint { get; private set; }

    /// <summary>The TLS end point once started; null when disabled.</summary>
    public IPEndPoint? TlsEndPoint { get; private set; }

    /// <summary>Associations currently established.</summary>
    public int AssociationCount => _associations.Count;

    /// <summary>Binds the configured ports and starts accepting.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_options.Port is { } port)
        {
            EndPoint = Listen(port, tls: false);
        }

        if (_options.TlsPort is { } tlsPort)
        {
            TlsEndPoint = Listen(tlsPort, tls: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops accepting, waits up to <see cref="DicomServerOptions.ShutdownTimeout"/> (or until
    /// <paramref name="cancellationToken"/> fires) for open associations to end, then aborts the rest.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_connections.Keys).WaitAsync(_options.ShutdownTimeout, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            DicomNetworkLog.ShutdownAborting(_logger, _options.AeTitle, _associations.Count);
            await Task.WhenAll(_associations.Values.Select(a => a.AbortAsync("the server is shutting down"))).ConfigureAwait(false);
            await Task.WhenAll(_connections.Keys).ConfigureAwait(false);
        }

        DicomNetworkLog.Stopped(_logger, _options.AeTitle);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private IPEndPoint Listen(int port, bool tls)
    {
        var listener = new Socket(_options.BindAddress.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            listener.Bind(new IPEndPoint(_options.BindAddress, port));
            listener.Listen(128);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        _listeners.Add(listener);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        DicomNetworkLog.Listening(_logger, _options.AeTitle, endPoint, tls);
        _acceptLoops.Add(Task.Run(() => AcceptLoopAsync(listener, tls)));
        return endPoint;
    }

    private async Task AcceptLoopAsync(Socket listener, bool tls)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || _stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException e)
            {
                DicomNetworkLog.AcceptFailed(_logger, _options.AeTitle, e.Message);
                continue;
            }

            socket.NoDelay = true;
            var connection = Task.Run(() => ServeConnectionAsync(socket, tls));
            _connections[connection] = true;
            _ = connection.ContinueWith(t => _connections.TryRemove(t, out _), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }
}
