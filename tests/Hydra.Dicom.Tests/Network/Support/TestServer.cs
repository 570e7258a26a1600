using Hydra.Dicom.Network;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>A <see cref="DicomServer"/> on 127.0.0.1, port 0, with collected logs; stopped on dispose.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private TestServer(DicomServer server, DicomServerOptions options, CollectingLoggerFactory logs)
    {
        Server = server;
        Options = options;
        Logs = logs;
    }

    public DicomServer Server { get; }

    public DicomServerOptions Options { get; }

    public CollectingLoggerFactory Logs { get; }

    public int Port => Server.EndPoint!.Port;

    public string PortText => Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<TestServer> StartAsync(DicomServerHandlers handlers, Action<DicomServerOptions>? configure = null)
    {
        var options = new DicomServerOptions { AeTitle = "HYDRA", Port = 0 };
        configure?.Invoke(options);
        var logs = new CollectingLoggerFactory();
        var server = new DicomServer(options, handlers, logs);
        await server.StartAsync(CancellationToken.None);
        return new TestServer(server, options, logs);
    }

    /// <summary>A client of this server.</summary>
    public DicomClient Client(string callingAeTitle = "TESTSCU", Action<DicomClientOptions>? configure = null)
    {
        var options = new DicomClientOptions { CallingAeTitle = callingAeTitle, CalledAeTitle = Options.AeTitle, Port = Port };
        configure?.Invoke(options);
        return new DicomClient(options, Logs);
    }

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
