using Hydra.Keystore.Options;

namespace Hydra.Testing.Cluster;

/// <summary>
/// A keystore node run as a separate process (the built Hydra.Keystore.dll), so a test can kill it with SIGKILL and
/// prove that every acknowledged write survives.
/// </summary>
public static class ChildNode
{
    /// <summary>Starts the node; with <paramref name="umask"/> (octal) it runs under that umask.</summary>
    public static Task<ChildProcess> StartAsync(KeystoreOptions options, string? umask = null) =>
        ChildProcess.StartAsync("Hydra.Keystore.dll", Arguments(options), options.Port, umask);

    private static IEnumerable<(string Key, string Value)> Arguments(KeystoreOptions options)
    {
        yield return ("Keystore:NodeId", options.NodeId);
        yield return ("Keystore:ListenAddress", options.ListenAddress);
        yield return ("Keystore:Port", options.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        yield return ("Keystore:DataFile", options.DataFile);
        yield return ("Keystore:HostCertificate", options.HostCertificate);
        yield return ("Keystore:HostKey", options.HostKey);
        yield return ("Keystore:TrustDirectory", options.TrustDirectory);
        yield return ("Keystore:VomsDirectory", options.VomsDirectory);
        for (var i = 0; i < options.Roles.Creators.Count; i++)
        {
            yield return ($"Keystore:Roles:Creators:{i}", options.Roles.Creators[i]);
        }

        yield return ("Logging:LogLevel:Default", "Warning");
    }
}
