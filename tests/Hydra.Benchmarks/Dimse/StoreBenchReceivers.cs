using System.Globalization;
using System.Text.Json.Nodes;
using Hydra.Dicom.Network;
using Hydra.Testing;

namespace Hydra.Benchmarks.Dimse;

/// <summary>The three receivers of the C-STORE bench, each writing to its own folder under the bench's.</summary>
public sealed class StoreBenchReceivers : IAsyncDisposable
{
    private readonly DicomServer _hydra;
    private readonly Part10DiskHandler _handler;
    private readonly PeerProcess _storescp;
    private readonly PeerProcess _orthanc;
    private readonly HttpClient _orthancHttp;
    private readonly string _storescpFolder;

    private StoreBenchReceivers(DicomServer hydra, Part10DiskHandler handler, PeerProcess storescp, string storescpFolder, int storescpPort,
        PeerProcess orthanc, HttpClient orthancHttp, int orthancPort, string orthancVersion)
    {
        _hydra = hydra;
        _handler = handler;
        _storescp = storescp;
        _storescpFolder = storescpFolder;
        _orthanc = orthanc;
        _orthancHttp = orthancHttp;
        OrthancVersion = orthancVersion;
        Hydra = new StoreBenchTarget("Hydra", "HYDRA", hydra.EndPoint!.Port, StoreBenchTarget.ThisProcessorTime);
        All =
        [
            Hydra,
            new StoreBenchTarget("storescp", "STORESCP", storescpPort, () => storescp.ProcessorTime),
            new StoreBenchTarget("Orthanc", "ORTHANC", orthancPort, () => orthanc.ProcessorTime),
        ];
    }

    public StoreBenchTarget Hydra { get; }

    public IReadOnlyList<StoreBenchTarget> All { get; }

    public string OrthancVersion { get; }

    public static async Task<StoreBenchReceivers> StartAsync(string folder, CancellationToken cancellationToken)
    {
        var hydraFolder = Directory.CreateDirectory(Path.Combine(folder, "out-hydra")).FullName;
        var handler = new Part10DiskHandler(hydraFolder);
        var hydra = new DicomServer(new DicomServerOptions { AeTitle = "HYDRA", Port = 0 }, new DicomServerHandlers { Store = handler });
        await hydra.StartAsync(cancellationToken);

        var storescpFolder = Directory.CreateDirectory(Path.Combine(folder, "out-storescp")).FullName;
        var storescpPort = FreePort.Next();
        var storescp = PeerProcess.Start(Peers.Require("storescp", "dcmtk"),
            ["-aet", "STORESCP", "-od", storescpFolder, storescpPort.ToString(CultureInfo.InvariantCulture)], folder);
        await storescp.WaitForPortAsync(storescpPort);

        var orthancFolder = Directory.CreateDirectory(Path.Combine(folder, "out-orthanc")).FullName;
        var (dicomPort, httpPort) = (FreePort.Next(), FreePort.Next());
        var configuration = new JsonObject
        {
            ["Name"] = "HydraBench",
            ["StorageDirectory"] = Path.Combine(orthancFolder, "storage"),
            ["IndexDirectory"] = Path.Combine(orthancFolder, "index"),
            ["DicomAet"] = "ORTHANC",
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["TcpNoDelay"] = true,
            ["StorageCompression"] = false,
            ["SaveJobs"] = false,
            ["Plugins"] = new JsonArray(),
        };
        var configurationPath = Path.Combine(orthancFolder, "orthanc.json");
        await File.WriteAllTextAsync(configurationPath, configuration.ToJsonString(), cancellationToken);
        var orthanc = PeerProcess.Start(Peers.Require("Orthanc", "orthanc"), [configurationPath], orthancFolder);
        await orthanc.WaitForPortAsync(httpPort);
        await orthanc.WaitForPortAsync(dicomPort);
        var http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/")) };
        var version = JsonNode.Parse(await http.GetStringAsync("system", cancellationToken))!["Version"]!.GetValue<string>();
        return new StoreBenchReceivers(hydra, handler, storescp, storescpFolder, storescpPort, orthanc, http, dicomPort, version);
    }

    /// <summary>Checks that each receiver stored at least the last set's instances.</summary>
    public async Task VerifyAsync(int count, CancellationToken cancellationToken)
    {
        var stored = await StoredCountsAsync(cancellationToken);
        if (stored.Values.Any(c => c < count))
        {
            throw new InvalidOperationException("A receiver did not store every instance.");
        }
    }

    /// <summary>How many instances each receiver holds so far, by <see cref="StoreBenchTarget.Name"/>.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StoredCountsAsync(CancellationToken cancellationToken)
    {
        var orthancCount = JsonNode.Parse(await _orthancHttp.GetStringAsync("statistics", cancellationToken))!["CountInstances"]!.GetValue<int>();
        return new Dictionary<string, int>
        {
            [Hydra.Name] = _handler.Count,
            ["storescp"] = Directory.GetFiles(_storescpFolder).Length,
            ["Orthanc"] = orthancCount,
        };
    }

    public async ValueTask DisposeAsync()
    {
        _orthancHttp.Dispose();
        _orthanc.Dispose();
        _storescp.Dispose();
        await _hydra.DisposeAsync();
    }
}
