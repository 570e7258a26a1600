using Hydra.Storage;
using Hydra.Storage.Files;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The last step of sealing a data file written before sealing: LiteDB does not erase the pages a rewritten document
/// left, so the clear envelopes would stay readable in the file. Every document is copied into a fresh file (which
/// never held a clear envelope), the copy is checked and marked sealed, then renamed over the original.
/// </summary>
internal static class SealedCopy
{
    private static readonly string[] Collections =
        [KeystoreDatabase.KeysCollection, KeystoreDatabase.AuditCollection, KeystoreDatabase.CheckpointsCollection, KeystoreDatabase.SealCollection];

    /// <summary>Replaces <paramref name="dataFile"/> (closed, every envelope sealed) with a fresh copy marked sealed.</summary>
    public static void Replace(string dataFile, int batchSize, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(dataFile);
        var copy = Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + ".sealed" + Path.GetExtension(full));
        Delete(copy);
        using (var source = new KeystoreDatabase(full))
        using (var target = new KeystoreDatabase(copy))
        {
            // The source's log into its data file first, so deleting the log below can lose nothing.
            source.CheckpointIfLarge(0);
            foreach (var name in Collections)
            {
                CopyCollection(source, target, name, batchSize, cancellationToken);
            }

            var seal = target.ReadSeal() ?? throw new InvalidDataException($"The data file '{full}' holds no seal to copy.");
            target.WriteSeal(seal with { State = StoredSeal.Sealed });

            // Everything into the copy's data file, so the copy is one file when renamed.
            target.CheckpointIfLarge(0);
        }

        File.Delete(DurableLiteDatabase.LogFileOf(copy));
        File.Delete(DurableLiteDatabase.LogFileOf(full));
        File.Move(copy, full, overwrite: true);
        DirectorySync.Flush(Path.GetDirectoryName(full)!);
    }

    private static void CopyCollection(KeystoreDatabase source, KeystoreDatabase target, string name, int batchSize, CancellationToken cancellationToken)
    {
        var from = source.Durable.GetCollection(name);
        var to = target.Durable.GetCollection(name);
        foreach (var chunk in from.FindAll().Chunk(batchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            target.BeginTransaction();
            to.Insert(chunk);
            target.CommitDurably();
        }

        var (expected, copied) = (from.LongCount(), to.LongCount());
        if (expected != copied)
        {
            throw new InvalidDataException($"Copying the '{name}' collection gave {copied} documents of {expected}; the original was kept.");
        }
    }

    private static void Delete(string dataFile)
    {
        File.Delete(dataFile);
        File.Delete(DurableLiteDatabase.LogFileOf(dataFile));
    }
}
