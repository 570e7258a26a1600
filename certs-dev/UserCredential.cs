using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>A cast member's end-entity certificate and key, with their intended VOMS attributes.</summary>
public sealed class UserCredential : DevCredential
{
    internal UserCredential(
        DevUserProfile profile, X509Certificate certificate, AsymmetricKeyParameter privateKey, string certificatePath, string keyPath)
        : base(certificate, privateKey, certificatePath, keyPath)
    {
        Profile = profile;
    }

    /// <summary>Who the user is and what the AA asserts for them.</summary>
    public DevUserProfile Profile { get; }

    /// <summary>The user's short name.</summary>
    public string Name => Profile.Name;
}
