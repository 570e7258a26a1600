using System.Text.Json;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract.Channels;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb;

/// <summary>The one way the DICOMweb tests reach the bridge's reader endpoint: HTTP/2 over grid TLS with a credential.</summary>
public static class DicomWebHttp
{
    /// <summary>A client whose base address is the reader endpoint's <paramref name="root"/> (e.g. <c>/dicom-web/</c>).</summary>
    public static HttpClient Create(TestBridge bridge, string trustDirectory, TlsCredential? credential, string root = "/dicom-web/")
    {
        var handler = GridHttpHandler.Create(
            bridge.ClientConfiguration().Bridge!, credential, new HostCertificateValidator(GridTrustStore.Load(trustDirectory)), GridChannelOptions.Default);
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = new Uri($"http://127.0.0.1:{bridge.Node.ReaderPort}{root}") };
    }

    /// <summary>The message of the reader endpoint's problem JSON (<c>{"error": "..."}</c>).</summary>
    public static string ProblemText(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
