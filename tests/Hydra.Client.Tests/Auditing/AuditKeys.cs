using System.Numerics;
using System.Security.Cryptography;
using Hydra.Access;
using Hydra.Cluster;
using Hydra.Keystore.Contract;

namespace Hydra.Client.Tests.Auditing;

/// <summary>Keys named as the DICOM bridge names them (<c>study:instance</c>, both <c>2.25.</c> UIDs), registered for tests.</summary>
internal static class AuditKeys
{
    public static string NewUid() => "2.25." + new BigInteger(Guid.NewGuid().ToByteArray(), isUnsigned: true).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Registers one key per instance of one new study; <paramref name="readers"/> may get their shares.</summary>
    public static async Task<List<KeyId>> RegisterStudyAsync(KeystoreCluster owner, int instances, params string[] readers)
    {
        var study = NewUid();
        var acl = readers.Select(dn => AclEntry.For("dn:" + dn, KeyPermissions.GetShare)).ToList();
        var keys = Enumerable.Range(0, instances)
            .Select(_ => new KeyRegistration(KeyId.Parse($"{study}:{NewUid()}"), RandomNumberGenerator.GetBytes(32), acl))
            .ToList();
        await owner.RegisterKeysAsync(keys, CancellationToken.None);
        return [.. keys.Select(k => k.KeyId)];
    }
}
