using Org.BouncyCastle.X509;

namespace Hydra.Grid.Tls;

/// <summary>
/// Decides whether the chain a server presented (leaf first) is the one expected for <paramref name="targetHost"/>.
/// Returns null to accept, or the reason for refusing.
/// </summary>
public delegate string? ServerCertificateValidator(IReadOnlyList<X509Certificate> chain, string targetHost);
