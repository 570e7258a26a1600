using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Storage;

/// <summary>The node's store behind its seal: the seal key is opened first, then the data file, then the writer.</summary>
internal static class SealedStoreServices
{
    public static IServiceCollection AddSealedStore(this IServiceCollection services)
    {
        services.AddSingleton(sp => new KeystoreDatabase(sp.GetRequiredService<KeystoreOptions>().DataFile));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<KeystoreOptions>();

            // A missing token, a refused PIN or a deleted key fails here, before the data file is opened. Start-up is
            // not cancellable (the host builds its services synchronously), hence no token.
            using var key = SealKeys.Open(options.Seal.ForDataFile(options.DataFile), CancellationToken.None);
            return NodeSeal.Open(sp.GetRequiredService<KeystoreDatabase>(), key, sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<KeystoreOptions>();
            var seal = sp.GetRequiredService<NodeSeal>();
            return new KeystoreStore(
                sp.GetRequiredService<KeystoreDatabase>(), seal.Cipher, options.NodeId, options.Storage,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<KeystoreStore>>());
        });
        return services;
    }
}
