using System.Globalization;
using System.Text.Json.Nodes;
using Hydra.Benchmarks.Dimse;
using Hydra.Testing;
using Hydra.Testing.Postgres;

namespace Hydra.Benchmarks.Engines;

/// <summary>
/// Orthanc on its PostgreSQL plugins (Debian <c>orthanc-postgresql</c>): the index and the DICOM files in a PostgreSQL
/// database of the bench's own server, Orthanc's answer to "past one machine", received the same files as the bridge.
/// </summary>
public sealed class OrthancOnPostgres : IAsyncDisposable
{
    private const string PluginFolder = "/usr/share/orthanc/plugins";
    private readonly PeerProcess _orthanc;
    private readonly HttpClient _http;

    private OrthancOnPostgres(PeerProcess orthanc, HttpClient http, int dicomPort, string version)
    {
        _orthanc = orthanc;
        _http = http;
        Version = version;
        Target = new StoreBenchTarget("Orthanc-PG", "ORTHANCPG", dicomPort, () => orthanc.ProcessorTime);
    }

    public StoreBenchTarget Target { get; }

    public string Version { get; }

    /// <summary>Starts Orthanc with index and storage in database <paramref name="database"/> of <paramref name="server"/>.</summary>
    public static async Task<OrthancOnPostgres> StartAsync(PostgresServer server, string folder, CancellationToken cancellationToken)
    {
        var plugins = new[] { "libOrthancPostgreSQLIndex.so", "libOrthancPostgreSQLStorage.so" }.Select(p => Path.Combine(PluginFolder, p)).ToArray();
        if (plugins.FirstOrDefault(p => !File.Exists(p)) is { } missing)
        {
            throw new PeerMissingException($"Orthanc's PostgreSQL plugin ({missing}, Debian package 'orthanc-postgresql') is not installed. Run 'bash .ci/setup.sh' first.");
        }

        await server.CreateDatabaseAsync("orthanc");
        Directory.CreateDirectory(folder);
        var (dicomPort, httpPort) = (FreePort.Next(), FreePort.Next());
        var configuration = new JsonObject
        {
            ["Name"] = "HydraBenchPG",
            ["StorageDirectory"] = Path.Combine(folder, "storage"),
            ["IndexDirectory"] = Path.Combine(folder, "index"),
            ["DicomAet"] = "ORTHANCPG",
            ["DicomPort"] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["TcpNoDelay"] = true,
            ["StorageCompression"] = false,
            ["SaveJobs"] = false,
            ["Plugins"] = new JsonArray([.. plugins.Select(p => JsonValue.Create(p))]),
            ["PostgreSQL"] = new JsonObject
            {
                ["EnableIndex"] = true,
                ["EnableStorage"] = true,
                ["Host"] = "127.0.0.1",
                ["Port"] = server.Port,
                ["Database"] = "orthanc",
                ["Username"] = "postgres",
                ["Password"] = string.Empty,
                ["EnableSsl"] = false,
                ["Lock"] = false,
            },
        };
        var configurationPath = Path.Combine(folder, "orthanc.json");
        await File.WriteAllTextAsync(configurationPath, configuration.ToJsonString(), cancellationToken);
        var orthanc = PeerProcess.Start(Peers.Require("Orthanc", "orthanc"), [configurationPath], folder);
        try
        {
            await orthanc.WaitForPortAsync(httpPort);
            await orthanc.WaitForPortAsync(dicomPort);
            var http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/")) };
            var loaded = JsonNode.Parse(await http.GetStringAsync("plugins", cancellationToken))!.AsArray().Select(p => p!.GetValue<string>()).ToList();
            if (!loaded.Contains("postgresql-index") || !loaded.Contains("postgresql-storage"))
            {
                throw new InvalidOperationException($"Orthanc did not load its PostgreSQL plugins (loaded: {string.Join(", ", loaded)}).");
            }

            var version = JsonNode.Parse(await http.GetStringAsync("system", cancellationToken))![nameof(Version)]!.GetValue<string>();
            return new OrthancOnPostgres(orthanc, http, dicomPort, version);
        }
        catch
        {
            orthanc.Dispose();
            throw;
        }
    }

    /// <summary>Instances Orthanc holds.</summary>
    public async Task<int> CountAsync(CancellationToken cancellationToken) =>
        JsonNode.Parse(await _http.GetStringAsync("statistics", cancellationToken))!["CountInstances"]!.GetValue<int>();

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _orthanc.Dispose();
        return ValueTask.CompletedTask;
    }
}
