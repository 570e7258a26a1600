using System.Security.Cryptography;
using Hydra.Access;
using Hydra.CertsDev;
using Hydra.Grid.Tls;
using Hydra.Keystore.Contract;
using Hydra.Keystore.Operations;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;
using Hydra.Sharing;

namespace Hydra.Keystore.Tests.Support;

/// <summary>
/// Key operations as node1 of a dev PKI runs them: creators hold the clinician FQAN, <see cref="Callers.Admin"/>
/// administers the node.
/// </summary>
internal static class TestKeyOperations
{
    public static NodeRoles Roles() => NodeRoles.From(new KeystoreRoleOptions
    {
        Creators = ["fqan:/hospital/radiology/Role=clinician"],
        Administrators = [Callers.Admin.Dn()],
    });

    public static KeyOperations Create(DevPki pki, NodeRoles? roles = null)
    {
        var host = pki.Host("node1");
        return new KeyOperations(roles ?? Roles(), new TlsCredential([host.Certificate], host.PrivateKey));
    }

    /// <summary>A fresh share of a random key with id <paramref name="keyId"/>.</summary>
    public static ShareEnvelope NewShare(string keyId) =>
        KeySplitter.Split(KeyId.Parse(keyId), RandomNumberGenerator.GetBytes(32), shareCount: 3, threshold: 2)[0];

    /// <summary>Registers a fresh share of <paramref name="keyId"/> owned by <paramref name="owner"/>; returns its envelope.</summary>
    public static async Task<byte[]> RegisterAsync(
        this NodeStore node, KeyOperations operations, CallerIdentity owner, string keyId, params AclEntry[] acl)
    {
        var envelope = NewShare(keyId).ToBytes();
        var result = await node.RunAsync(t => operations.Register(t, owner, keyId, envelope, acl));
        Assert.Equal(RegistrationResult.Stored, result);
        return envelope;
    }
}
