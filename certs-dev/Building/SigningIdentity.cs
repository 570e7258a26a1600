using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev.Building;

/// <summary>A certificate together with the key that signs in its name (a CA, an AA, a user or a proxy).</summary>
internal sealed record SigningIdentity(X509Certificate Certificate, AsymmetricKeyParameter PrivateKey);
