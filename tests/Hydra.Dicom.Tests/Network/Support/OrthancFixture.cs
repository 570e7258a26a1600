using System.Text.Json.Nodes;
using Hydra.Dicom.Network;
using Hydra.Testing;

namespace Hydra.Dicom.Tests.Network.Support;

/// <summary>One Orthanc per test class (see <see cref="OrthancPeer"/>), with our SCP (started first) as the modality "hydra".</summary>
public sealed class OrthancFixture : IAsyncLifetime
{
    private OrthancPeer? _orthanc;

    public TestArchive Archive { get; } = new();

    public RecordingStoreHandler Store { get; } = new();

    public TestServer Server { get; private set; } = null!;

    public HttpClient Http => Orthanc.Http;

    public int DicomPort => Orthanc.DicomPort;

    private OrthancPeer Orthanc => _orthanc ?? throw new InvalidOperationException("Orthanc is not started.");

    public async Task InitializeAsync()
    {
        Server = await TestServer.StartAsync(new DicomServerHandlers { Store = Store, Find = Archive, Retrieve = Archive });
        _orthanc = await OrthancPeer.StartAsync(new Dictionary<string, (string, int)> { ["hydra"] = ("HYDRA", Server.Port) });
    }

    public Task<JsonNode> PostAsync(string path, string body) => Orthanc.PostAsync(path, body);

    public Task<JsonNode> GetAsync(string path) => Orthanc.GetAsync(path);

    /// <summary>Uploads a file to Orthanc and returns its instance ID.</summary>
    public async Task<string> UploadAsync(string file) =>
        await Orthanc.TryUploadAsync(file) ?? throw new InvalidOperationException($"Orthanc refused '{file}'.");

    public async Task DisposeAsync()
    {
        _orthanc?.Dispose();
        await Server.DisposeAsync();
    }

    public static string Json(object value) => OrthancPeer.Json(value);
}
