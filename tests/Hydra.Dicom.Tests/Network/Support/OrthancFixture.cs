using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hydra.Dicom.Network;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>
/// One Orthanc (Debian package orthanc) per test class, on loopback with a generated configuration: its own storage
/// and index folders, free DICOM and HTTP ports, no REST authentication (loopback only), TCP_NODELAY, and our SCP
/// (started first) as the modality "hydra".
/// </summary>
public sealed class OrthancFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("hydra-orthanc");
    private PeerProcess? _orthanc;

    public TestArchive Archive { get; } = new();

    public RecordingStoreHandler Store { get; } = new();

    public TestServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public int DicomPort { get; private set; }

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(new DicomServerHandlers { Store = Store, Find = Archive, Retrieve = Archive });
        DicomPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var configuration = new JsonObject
        {
            ["Name"] = "HydraTest",
            ["StorageDirectory"] = _folder.Combine("storage"),
            ["IndexDirectory"] = _folder.Combine("index"),
            ["DicomAet"] = "ORTHANC",
            [nameof(DicomPort)] = DicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["TcpNoDelay"] = true,
            ["DicomCheckCalledAet"] = false,
            ["StorageCompression"] = false,
            ["SaveJobs"] = false,
            ["Plugins"] = new JsonArray(),
            ["DicomModalities"] = new JsonObject { ["hydra"] = new JsonArray("HYDRA", "127.0.0.1", Server.Port) },
        };
        var path = _folder.Combine("orthanc.json");
        await File.WriteAllTextAsync(path, configuration.ToJsonString());
        _orthanc = PeerProcess.Start(Peers.Require("Orthanc", "orthanc"), [path], _folder.Path);
        await _orthanc.WaitForPortAsync(httpPort);
        await _orthanc.WaitForPortAsync(DicomPort);
        Http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/")) };
    }

    public async Task<JsonNode> PostAsync(string path, string body)
    {
        using var response = await Http.PostAsync(path, new StringContent(body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await Http.GetStringAsync(path))!;

    /// <summary>Uploads a file to Orthanc and returns its instance ID.</summary>
    public async Task<string> UploadAsync(string file)
    {
        using var response = await Http.PostAsync("instances", new ByteArrayContent(await File.ReadAllBytesAsync(file)));
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ID"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        _orthanc?.Dispose();
        await Server.DisposeAsync();
        _folder.Dispose();
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
