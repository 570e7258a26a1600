using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;
using LiteDB;

namespace Hydra.Keystore.Tests.Support;

/// <summary>Direct edits of a stopped node's LiteDB file, as an attacker with the disk (or a bad disk) would make.</summary>
public static class NodeFiles
{
    public static void EditKey(string dataFile, string keyId, Func<BsonDocument, BsonDocument> edit)
    {
        using var database = new KeystoreDatabase(dataFile);
        database.BeginTransaction();
        var document = database.Keys.FindById(keyId) ?? throw new InvalidOperationException($"No key {keyId} in {dataFile}.");
        database.Keys.Update(edit(document));
        database.CommitDurably();
    }

    /// <summary>
    /// Replaces the share envelope of <paramref name="keyId"/> with <paramref name="edit"/> of it, sealed again under
    /// the node's data key: a bad disk or an attacker who also holds the node's default key file.
    /// </summary>
    public static void EditEnvelope(string dataFile, string keyId, Func<byte[], byte[]> edit)
    {
        using var key = SealKeys.Open(new SealSettings { KeyFile = SealSettings.DefaultKeyFile(dataFile) }, CancellationToken.None);
        using var database = new KeystoreDatabase(dataFile);
        using var cipher = DataKeys.Open(key, database.ReadSeal()!.Key);
        database.BeginTransaction();
        var document = database.Keys.FindById(keyId) ?? throw new InvalidOperationException($"No key {keyId} in {dataFile}.");
        var envelope = cipher.Open(keyId, document[BsonMapping.SealedEnvelopeField].AsBinary);
        document[BsonMapping.SealedEnvelopeField] = new BsonValue(cipher.Seal(keyId, edit(envelope)));
        database.Keys.Update(document);
        database.CommitDurably();
    }

    public static void EditAudit(string dataFile, Action<ILiteCollection<BsonDocument>> edit)
    {
        using var database = new KeystoreDatabase(dataFile);
        database.BeginTransaction();
        edit(database.Audit);
        database.CommitDurably();
    }
}
