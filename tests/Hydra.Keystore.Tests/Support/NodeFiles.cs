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

    public static void EditAudit(string dataFile, Action<ILiteCollection<BsonDocument>> edit)
    {
        using var database = new KeystoreDatabase(dataFile);
        database.BeginTransaction();
        edit(database.Audit);
        database.CommitDurably();
    }
}
