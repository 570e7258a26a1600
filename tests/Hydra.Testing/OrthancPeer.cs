using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hydra.Testing;

/// <summary>
/// A real Orthanc (Debian package orthanc) on loopback with a generated configuration: its own storage and index
/// folders, free DICOM and HTTP ports, no REST authentication (loopback only), TCP_NODELAY, and the given modalities
/// (name to AE title and port on 127.0.0.1), driven through its REST API. With <c>dicomWeb</c> it loads the DICOMweb
/// plugin (Debian orthanc-dicomweb): an origin under <see cref="DicomWebRoot"/> over plain HTTP (Orthanc's own HTTPS
/// crashes here), and a client of the servers <see cref="PutDicomWebServerAsync"/> names.
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
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{httpPort}/"));
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public HttpClient Http { get; }

    /// <summary>Orthanc's REST and DICOMweb base address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Where the DICOMweb plugin serves (QIDO-RS, WADO-RS, STOW-RS), with a trailing slash.</summary>
    public Uri DicomWebRoot => new(BaseAddress, "dicom-web/");

    public int DicomPort { get; }

    /// <param name="dicomWeb">Loads the DICOMweb plugin (origin and client).</param>
    /// <param name="httpsCaCertificates">A PEM bundle Orthanc's HTTP client trusts (e.g. a dev CA), for HTTPS DICOMweb servers.</param>
    public static async Task<OrthancPeer> StartAsync(
        IReadOnlyDictionary<string, (string AeTitle, int Port)> modalities, bool dicomWeb = false, string? httpsCaCertificates = null)
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
        if (dicomWeb)
        {
            configuration["Plugins"] = new JsonArray(RequireDicomWebPlugin());
            configuration["DicomWeb"] = new JsonObject { ["Enable"] = true, ["Root"] = "/dicom-web/" };
        }

        if (httpsCaCertificates is not null)
        {
            configuration["HttpsCACertificates"] = httpsCaCertificates;
            configuration["HttpsVerifyPeers"] = true;
        }

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

    /// <summary>
    /// Names a DICOMweb server Orthanc's client can use (<c>/dicom-web/servers/NAME/qido|get|retrieve|stow</c>), with a
    /// client certificate (PEM files, unencrypted key) and a bearer token as Orthanc would send them.
    /// </summary>
    public async Task PutDicomWebServerAsync(string name, Uri url, string? certificateFile = null, string? certificateKeyFile = null, string? bearerToken = null)
    {
        var server = new JsonObject { ["Url"] = url.ToString() };
        if (certificateFile is not null)
        {
            server["CertificateFile"] = certificateFile;
            server["CertificateKeyFile"] = certificateKeyFile;
        }

        if (bearerToken is not null)
        {
            server["HttpHeaders"] = new JsonObject { ["Authorization"] = $"Bearer {bearerToken}" };
        }

        // Once CI saw Orthanc answer "Inexistent server" right after accepting the server: it is put again until listed.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Http.PutAsync($"dicom-web/servers/{Uri.EscapeDataString(name)}", new StringContent(server.ToJsonString()));
            if (!response.IsSuccessStatusCode)
            {
                // The body may repeat the configuration (and so the token): only the status is reported.
                throw new InvalidOperationException($"Orthanc refused the DICOMweb server {name}: {(int)response.StatusCode}");
            }

            var listed = JsonNode.Parse(await Http.GetStringAsync("dicom-web/servers"))!.AsArray().Any(n => n?.GetValue<string>() == name);
            if (listed)
            {
                return;
            }

            if (attempt == 10)
            {
                throw new InvalidOperationException($"Orthanc accepted the DICOMweb server {name} but does not list it.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Orthanc's own answer to a DICOMweb query, for cross-checks (e.g. <c>studies?ModalitiesInStudy=CT</c>).</summary>
    public async Task<JsonArray> QidoAsync(string query) => (JsonArray)JsonNode.Parse(await Http.GetStringAsync(new Uri(DicomWebRoot, query)))!;

    private static string RequireDicomWebPlugin()
    {
        const string plugin = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";
        if (!File.Exists(plugin))
        {
            throw new PeerMissingException($"Orthanc's DICOMweb plugin ({plugin}, Debian package 'orthanc-dicomweb') is not installed. Run 'bash .ci/setup.sh' first.");
        }

        return plugin;
    }

    public void Dispose()
    {
        Http.Dispose();
        _process.Dispose();
        _folder.Dispose();
    }
}
