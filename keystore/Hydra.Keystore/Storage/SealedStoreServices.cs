using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage.Postgres;

namespace Hydra.Keystore.Storage;

/// <summary>The node's store behind its seal: the seal key is opened first, then the data file or database, then the writer.</summary>
internal static class SealedStoreServices
{
    public static IServiceCollection AddSealedStore(this IServiceCollection services)
    {
        services.AddSingleton<IKeystoreDatabase>(sp =>
        {
            var options = sp.GetRequiredService<KeystoreOptions>();
            return options.Database.ParsedBackend == KeystoreBackend.PostgreSql
                ? PostgresKeystoreDatabase.Open(options.Database, options.NodeId, sp.GetRequiredService<ILogger<PostgresKeystoreDatabase>>())
                : new KeystoreDatabase(options.DataFile);
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<KeystoreOptions>();

            // A missing token, a refused PIN or a deleted key fails here, before the data file is opened. Start-up is
            // not cancellable (the host builds its services synchronously), hence no token.
            using var key = SealKeys.Open(options.Seal.ForDataFile(options.DataFile), CancellationToken.None);
            return NodeSeal.Open(sp.GetRequiredService<IKeystoreDatabase>(), key, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<KeystoreOptions>();
            var seal = sp.GetRequiredService<NodeSeal>();
            return new KeystoreStore(
                sp.GetRequiredService<IKeystoreDatabase>(), seal.Cipher, options.NodeId, options.Storage,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KeystoreStore>>());
        });
        return services;
    }
}
