using Hydra.Hosting;
using Hydra.Dicom.Network.Tls;
using Org.BouncyCastle.X509;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Who a DICOM TLS peer is: its certificate chain (forwarded to keystore nodes when the bridge fetches keys for it)
/// and the identity validated from it, or why it was refused. Refused peers still complete TLS so that their
/// requests get a DICOM refusal with the reason instead of a dropped connection.
/// </summary>
internal sealed record ReaderIdentity(IReadOnlyList<X509Certificate> Chain, CallerIdentity? Reader, string? Refusal) : IDicomPeerIdentity
{
    public string Name => Reader?.SubjectText ?? "(refused credential)";
}
