using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The seal in force on a running node: the cipher over its data key (in memory only) and what wrapped that key.
/// Opened at start, before the store: a data file sealed with another key refuses start with a message naming both,
/// before anything is written.
/// </summary>
internal sealed class NodeSeal : IDisposable
{
    private NodeSeal(EnvelopeCipher cipher, SealKind kind, string description, long unsealed)
    {
        Cipher = cipher;
        Kind = kind;
        Description = description;
        UnsealedEnvelopes = unsealed;
    }

    public EnvelopeCipher Cipher { get; }

    public SealKind Kind { get; }

    /// <summary>What wraps the data key (a path, or token and key label): for the start-up log.</summary>
    public string Description { get; }

    /// <summary>Envelopes still in clear (a data file written before sealing): the node reads them, the seal command seals them.</summary>
    public long UnsealedEnvelopes { get; }

    /// <summary>
    /// Opens the data key of <paramref name="database"/> with <paramref name="key"/>. A store without one (new, or
    /// written before sealing) gets a fresh data key wrapped by it, stored in a durable commit of its own; its old
    /// envelopes stay readable in clear until the seal command seals them.
    /// </summary>
    public static NodeSeal Open(IKeystoreDatabase database, ISealKey key, TimeProvider time)
    {
        var stored = database.ReadSeal();
        if (stored is null)
        {
            var unsealed = database.CountUnsealed();
            var (cipher, wrapped) = DataKeys.Create(key);
            database.WriteSeal(new StoredSeal(wrapped, unsealed == 0 ? StoredSeal.Sealed : StoredSeal.Sealing, time.GetUtcNow()));
            return new NodeSeal(cipher, key.Kind, key.Description, unsealed);
        }

        var opened = DataKeys.Open(key, stored.Key);
        return new NodeSeal(opened, key.Kind, key.Description, stored.State == StoredSeal.Sealed ? 0 : database.CountUnsealed());
    }

    /// <summary>The command that seals a data file written before sealing.</summary>
    public static string Command(string dataFile) =>
        $"dotnet Hydra.Keystore.dll seal migrate --Keystore:DataFile={dataFile} (with the node's Keystore:Seal settings, node stopped)";

    public void Dispose() => Cipher.Dispose();
}
