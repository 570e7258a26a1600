using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hydra.Testing;

/// <summary>
/// A real Orthanc (Debian package orthanc) on loopback with a generated configuration: its own storage and index
/// folders, free DICOM and HTTP ports, no REST authentication (loopback only), TCP_NODELAY, and the given modalities
/// (name to AE title and port on 127.0.0.1), driven through its REST API.
/// </summary>
public sealed class OrthancPeer : IDisposable
{
    private readonly TempDirectory _folder;
    private readonly PeerProcess _process;

    private OrthancPeer(TempDirectory folder, PeerProcess process, int dicomPort, int httpPort)
    {
        _folder = folder;
        _process = process;
        DicomPort = dicomPort;
        Http = new HttpClient { BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/")) };
    }

    public HttpClient Http { get; }

    public int DicomPort { get; }

    public static async Task<OrthancPeer> StartAsync(IReadOnlyDictionary<string, (string AeTitle, int Port)> modalities)
    {
        var folder = new TempDirectory("hydra-orthanc");
        var dicomPort = FreePort.Next();
        var httpPort = FreePort.Next();
        var known = new JsonObject();
        foreach (var (name, (aeTitle, port)) in modalities)
        {
            known[name] = new JsonArray(aeTitle, "127.0.0.1", port);
        }

        var configuration = new JsonObject
        {
            ["Name"] = "HydraTest",
            ["StorageDirectory"] = folder.Combine("storage"),
            ["IndexDirectory"] = folder.Combine("index"),
            ["DicomAet"] = "ORTHANC",
            [nameof(DicomPort)] = dicomPort,
            ["HttpPort"] = httpPort,
            ["RemoteAccessAllowed"] = false,
            ["AuthenticationEnabled"] = false,
            ["TcpNoDelay"] = true,
            ["DicomCheckCalledAet"] = false,
            ["StorageCompression"] = false,
            ["SaveJobs"] = false,
            ["Plugins"] = new JsonArray(),
            ["DicomModalities"] = known,
        };
        var path = folder.Combine("orthanc.json");
        await File.WriteAllTextAsync(path, configuration.ToJsonString());
        var process = PeerProcess.Start(Peers.Require("Orthanc", "orthanc"), [path], folder.Path);
        try
        {
            await process.WaitForPortAsync(httpPort);
            await process.WaitForPortAsync(dicomPort);
            return new OrthancPeer(folder, process, dicomPort, httpPort);
        }
        catch
        {
            process.Dispose();
            folder.Dispose();
            throw;
        }
    }

    /// <summary>POSTs a JSON body; fails the test with Orthanc's answer when it is not a success.</summary>
    public async Task<JsonNode> PostAsync(string path, string body)
    {
        using var response = await Http.PostAsync(path, new StringContent(body));
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Orthanc {path}: {(int)response.StatusCode} {text}");
        }

        return JsonNode.Parse(text)!;
    }

    /// <summary>POSTs a JSON body; returns whether Orthanc answered with a success, and its status and answer.</summary>
    public async Task<(bool Ok, string Text)> TryPostAsync(string path, string body)
    {
        using var response = await Http.PostAsync(path, new StringContent(body));
        var text = await response.Content.ReadAsStringAsync();
        return (response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}".Trim());
    }

    public async Task<JsonNode> GetAsync(string path) => JsonNode.Parse(await Http.GetStringAsync(path))!;

    /// <summary>Uploads a file; returns its Orthanc instance ID, or null when Orthanc refuses the file.</summary>
    public async Task<string?> TryUploadAsync(string file)
    {
        using var response = await Http.PostAsync("instances", new ByteArrayContent(await File.ReadAllBytesAsync(file)));
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["ID"]!.GetValue<string>();
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        _folder.Dispose();
    }
}
