using System.Globalization;
using System.Text.Json.Nodes;
using Hydra.Benchmarks.Dimse;
using Hydra.Testing;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// Orthanc with its DICOMweb plugin (Debian orthanc-dicomweb) as the baseline origin server: plain HTTP/1.1 on loopback
/// (its own HTTPS server crashes here, see /work/shared/research/infra.md), files uncompressed, keep-alive on. Started
/// here rather than through OrthancPeer, which the peers work extends with the same plugin for the interop tests.
/// </summary>
public sealed class OrthancDicomWeb : IAsyncDisposable
{
    public const string PluginPath = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

    private readonly PeerProcess _process;

    private OrthancDicomWeb(PeerProcess process, HttpClient http, int dicomPort, string version)
    {
        _process = process;
        Http = http;
        Version = version;
        Target = new StoreBenchTarget("Orthanc", "ORTHANC", dicomPort, () => process.ProcessorTime);
    }

    /// <summary>REST and DICOMweb client (HTTP/1.1, plain); DICOMweb is under <c>dicom-web/</c>.</summary>
    public HttpClient Http { get; }

    /// <summary>Orthanc's C-STORE port, for storescu.</summary>
    public StoreBenchTarget Target { get; }

    public string Version { get; }

    public TimeSpan ProcessorTime => _process.ProcessorTime;

    public static async Task<OrthancDicomWeb> StartAsync(string folder, CancellationToken cancellationToken)
    {
        if (!File.Exists(PluginPath))
        {
            throw new PeerMissingException($"Orthanc's DICOMweb plugin ({PluginPath}, Debian package 'orthanc-dicomweb') is not installed.");
        }

        Directory.CreateDirectory(folder);
        var (dicomPort, httpPort) = (FreePort.Next(), FreePort.Next());
        var configuration = new JsonObject
        {
            ["Name"] = "HydraWebBench",
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["DicomAet"] = "ORTHANC",
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["TcpNoDelay"] = true,
            ["KeepAlive"] = true,
            ["DicomCheckCalledAet"] = false,
            ["StorageCompression"] = false,
            ["SaveJobs"] = false,
            ["Plugins"] = new JsonArray(PluginPath),
            ["DicomWeb"] = new JsonObject { ["Enable"] = true, ["Root"] = "/dicom-web/", ["EnableWado"] = false },
        };
        var path = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(path, configuration.ToJsonString(), cancellationToken);
        var process = PeerProcess.Start(Peers.Require("Orthanc", "orthanc"), [path], folder);
        try
        {
            await process.WaitForPortAsync(httpPort);
            await process.WaitForPortAsync(dicomPort);
            var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/")),
                Timeout = TimeSpan.FromMinutes(30),
            };
            var system = JsonNode.Parse(await http.GetStringAsync("system", cancellationToken))!;
            var plugins = JsonNode.Parse(await http.GetStringAsync("plugins", cancellationToken))!.AsArray().Select(p => p!.GetValue<string>());
            if (!plugins.Contains("dicom-web"))
            {
                throw new InvalidOperationException($"Orthanc did not load its DICOMweb plugin: {process.Output}");
            }

            var dicomWeb = JsonNode.Parse(await http.GetStringAsync("plugins/dicom-web", cancellationToken))![nameof(Version)]!.GetValue<string>();
            return new OrthancDicomWeb(process, http, dicomPort, $"Orthanc {system[nameof(Version)]!.GetValue<string>()}, DICOMweb plugin {dicomWeb}");
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>Instances Orthanc holds.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        JsonNode.Parse(await Http.GetStringAsync("statistics", cancellationToken))!["CountInstances"]!.GetValue<int>();

    public ValueTask DisposeAsync()
    {
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
