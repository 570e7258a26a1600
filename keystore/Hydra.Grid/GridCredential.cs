using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.Grid;

/// <summary>A client's grid credential and the trust directories to validate servers and ACs with.</summary>
/// <param name="Chain">The certificates, leaf first (proxy, ..., end-entity certificate).</param>
/// <param name="PrivateKey">The leaf's private key. Never log it.</param>
/// <param name="Source">Which grid convention supplied the credential.</param>
/// <param name="CertificatePath">The file the leaf certificate came from.</param>
/// <param name="CertificateDirectory">The CA trust directory (<c>X509_CERT_DIR</c>).</param>
/// <param name="VomsDirectory">The VOMS trust directory (<c>X509_VOMS_DIR</c>).</param>
public sealed record GridCredential(
    IReadOnlyList<X509Certificate> Chain,
    AsymmetricKeyParameter PrivateKey,
    GridCredentialSource Source,
    string CertificatePath,
    string CertificateDirectory,
    string VomsDirectory)
{
    /// <summary>The leaf certificate, the one presented in TLS.</summary>
    public X509Certificate Leaf => Chain[0];

    /// <inheritdoc />
    public override string ToString() =>
        $"GridCredential {{ Leaf = {DistinguishedName.FromX509Name(Leaf.SubjectDN)}, Source = {Source}, CertificatePath = {CertificatePath} }}";
}
