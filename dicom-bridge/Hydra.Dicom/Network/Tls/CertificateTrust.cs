using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Hydra.Dicom.Network.Tls;

/// <summary>Validates a peer certificate against the configured trust anchors only (not the system store).</summary>
internal static class CertificateTrust
{
    public static bool TryValidate(X509Certificate? certificate, X509Certificate2Collection anchors, X509RevocationMode revocation,
        out IReadOnlyList<X509Certificate2> chain, out string problem)
    {
        chain = [];
        if (certificate is null)
        {
            problem = "the peer sent no certificate";
            return false;
        }

        using var builder = new X509Chain();
        builder.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        builder.ChainPolicy.CustomTrustStore.AddRange(anchors);
        builder.ChainPolicy.RevocationMode = revocation;
        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        if (!builder.Build(leaf))
        {
            problem = "certificate not trusted: " + string.Join("; ", builder.ChainStatus.Select(s => s.StatusInformation.Trim()));
            return false;
        }

        chain = [.. builder.ChainElements.Select(e => new X509Certificate2(e.Certificate))];
        problem = string.Empty;
        return true;
    }

    /// <summary>A callback for <see cref="SslStream"/> that checks against <paramref name="anchors"/>.</summary>
    public static RemoteCertificateValidationCallback Callback(X509Certificate2Collection anchors, X509RevocationMode revocation, bool required) =>
        (_, certificate, _, _) => certificate is null ? !required : TryValidate(certificate, anchors, revocation, out _, out _);
}
