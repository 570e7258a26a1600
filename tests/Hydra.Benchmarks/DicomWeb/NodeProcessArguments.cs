using System.Globalization;
using Hydra.Keystore.Options;

namespace Hydra.Benchmarks.DicomWeb;

/// <summary>
/// Command-line settings for a keystore node run as its own process, roles included: ChildNode passes only the
/// creators, but WADO-RS needs the bridge's delegate role on the nodes (keys rebuilt on a reader's behalf).
/// </summary>
public static class NodeProcessArguments
{
    public static IEnumerable<(string Key, string Value)> Of(KeystoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        yield return ("Keystore:NodeId", options.NodeId);
        yield return ("Keystore:ListenAddress", options.ListenAddress);
        yield return ("Keystore:Port", options.Port.ToString(CultureInfo.InvariantCulture));
        yield return ("Keystore:DataFile", options.DataFile);
        yield return ("Keystore:HostCertificate", options.HostCertificate);
        yield return ("Keystore:HostKey", options.HostKey);
        yield return ("Keystore:TrustDirectory", options.TrustDirectory);
        yield return ("Keystore:VomsDirectory", options.VomsDirectory);
        foreach (var (role, principals) in new[]
        {
            ("Creators", options.Roles.Creators), ("Administrators", options.Roles.Administrators),
            ("Auditors", options.Roles.Auditors), ("Delegates", options.Roles.Delegates),
        })
        {
            for (var i = 0; i < principals.Count; i++)
            {
                yield return ($"Keystore:Roles:{role}:{i.ToString(CultureInfo.InvariantCulture)}", principals[i]);
            }
        }

        yield return ("Logging:LogLevel:Default", "Warning");
    }
}
