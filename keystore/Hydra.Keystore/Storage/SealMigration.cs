using Hydra.Keystore.Sealing;
using LiteDB;

namespace Hydra.Keystore.Storage;

/// <summary>
/// Seals every envelope of a data file written before sealing, in durable batches: each envelope is sealed, read back
/// inside its batch's transaction, opened and compared with the original before the batch commits; a failure rolls the
/// batch back whole. The data key is stored first (state <c>sealing</c>), so a run stopped anywhere resumes with the
/// same key and skips what is sealed. The state becomes <c>sealed</c> only in the fresh copy <see cref="SealedCopy"/>
/// makes after every envelope opened in a final pass.
/// </summary>
internal static class SealMigration
{
    public static SealMigrationReport Run(
        KeystoreDatabase database, ISealKey key, SealMigrationOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var stored = database.ReadSeal();
        EnvelopeCipher cipher;
        if (stored is null)
        {
            (cipher, var wrapped) = DataKeys.Create(key);
            stored = new StoredSeal(wrapped, StoredSeal.Sealing, time.GetUtcNow());
            database.WriteSeal(stored);
        }
        else
        {
            cipher = DataKeys.Open(key, stored.Key);
        }

        using (cipher)
        {
            var (sealedCount, already, batches) = SealBatches(database, cipher, options, cancellationToken);
            var verified = VerifyAll(database, cipher, cancellationToken);
            return new SealMigrationReport(sealedCount, already, verified, batches, stored.State == StoredSeal.Sealed);
        }
    }

    private static (long Sealed, long Already, int Batches) SealBatches(
        KeystoreDatabase database, EnvelopeCipher cipher, SealMigrationOptions options, CancellationToken cancellationToken)
    {
        long sealedCount = 0, already = 0;
        var batches = 0;
        var after = string.Empty;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = database.Keys.Query().Where(Query.GT("_id", after)).OrderBy("_id").Limit(options.BatchSize).ToList();
            if (batch.Count == 0)
            {
                return (sealedCount, already, batches);
            }

            after = batch[^1]["_id"].AsString;
            var pending = batch.Where(document => document[BsonMapping.ClearEnvelopeField].IsBinary).ToList();
            already += batch.Count - pending.Count;
            if (pending.Count == 0)
            {
                continue;
            }

            database.BeginTransaction();
            try
            {
                foreach (var document in pending)
                {
                    SealOne(database, cipher, document);
                    options.AfterEnvelope?.Invoke(sealedCount + 1);
                    sealedCount++;
                }

                database.CommitDurably();
            }
            catch
            {
                database.Rollback();
                throw;
            }

            batches++;
            options.AfterBatch?.Invoke(batches, sealedCount);
        }
    }

    private static void SealOne(KeystoreDatabase database, EnvelopeCipher cipher, BsonDocument document)
    {
        var keyId = document["_id"].AsString;
        var envelope = document[BsonMapping.ClearEnvelopeField].AsBinary;
        document.Remove(BsonMapping.ClearEnvelopeField);
        document[BsonMapping.SealedEnvelopeField] = new BsonValue(cipher.Seal(keyId, envelope));
        database.Keys.Update(document);

        // Verify what the database now holds for this key, not what was handed to it.
        var written = database.Keys.FindById(keyId);
        if (written is null || written[BsonMapping.ClearEnvelopeField].IsBinary || !written[BsonMapping.SealedEnvelopeField].IsBinary
            || !cipher.Open(keyId, written[BsonMapping.SealedEnvelopeField].AsBinary).AsSpan().SequenceEqual(envelope))
        {
            throw new SealException($"Key '{keyId}': the sealed envelope read back does not open to the original; the batch was rolled back.");
        }
    }

    public static long VerifyAll(KeystoreDatabase database, EnvelopeCipher cipher, CancellationToken cancellationToken)
    {
        long verified = 0;
        foreach (var document in database.Keys.FindAll())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var keyId = document["_id"].AsString;
            if (document[BsonMapping.ClearEnvelopeField].IsBinary || !document[BsonMapping.SealedEnvelopeField].IsBinary)
            {
                throw new SealException($"Key '{keyId}' still holds an unsealed envelope after sealing; run the command again.");
            }

            _ = cipher.Open(keyId, document[BsonMapping.SealedEnvelopeField].AsBinary);
            verified++;
        }

        return verified;
    }
}
