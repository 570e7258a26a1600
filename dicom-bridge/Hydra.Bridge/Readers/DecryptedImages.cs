using Hydra.Access;
using Hydra.Bridge.Ingest;
using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Readers;

/// <summary>
/// Decrypted images for readers who do not rebuild keys themselves (HTTPS <c>/dicom</c>, C-GET, C-MOVE; DICOMweb next):
/// the catalog says which images a reader may expect to open, the key is rebuilt <em>on the reader's behalf</em> (the
/// nodes decide by the reader's ACL and audit reader and bridge), and the container is decrypted segment by verified
/// segment into the caller's stream. Plaintext never touches disk.
/// </summary>
internal sealed class DecryptedImages
{
    private readonly IBridgeStore _store;
    private readonly IObjectStore _objects;
    private readonly KeystoreCluster _cluster;
    private readonly CatalogAccess _catalog;

    public DecryptedImages(IBridgeStore store, IObjectStore objects, KeystoreCluster cluster, CatalogAccess catalog)
    {
        _store = store;
        _objects = objects;
        _cluster = cluster;
        _catalog = catalog;
    }

    /// <summary>
    /// The catalogued image <paramref name="reader"/> may read, or null when there is none: missing and forbidden are
    /// one answer, so existence is not revealed to those who may not read it (and the nodes are not asked).
    /// </summary>
    public async Task<CatalogEntry?> FindReadableAsync(string sopInstanceUid, CallerIdentity reader, CancellationToken cancellationToken)
    {
        var entry = await _store.FindInstanceAsync(sopInstanceUid, cancellationToken);
        return entry is not null && _catalog.MayRead(entry, reader) ? entry : null;
    }

    /// <summary>Rebuilds the key of <paramref name="entry"/> for the reader <paramref name="onBehalfOf"/> names.</summary>
    /// <exception cref="ClusterException">The nodes refused the reader or too few answered.</exception>
    public Task<DecryptedImage> OpenAsync(CatalogEntry entry, ReaderCredential onBehalfOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onBehalfOf);
        return OpenAsync(entry, onBehalfOf.Delegate(_cluster), cancellationToken);
    }

    /// <summary>Rebuilds the key of <paramref name="entry"/> through <paramref name="view"/> (e.g. a patient's, <see cref="KeystoreCluster.OnBehalfOfPatient"/>).</summary>
    /// <exception cref="ClusterException">The nodes refused or too few answered.</exception>
    public async Task<DecryptedImage> OpenAsync(CatalogEntry entry, KeystoreCluster view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(view);
        var key = await view.GetKeyAsync(KeyId.Parse(entry.KeyId), cancellationToken);
        return new DecryptedImage(entry, key, _objects);
    }

    /// <summary>
    /// Rebuilds the keys of <paramref name="entries"/> for the reader with one batch call per node (each key still
    /// decided and audited on its own there); a key that could not be rebuilt has its error in its place.
    /// </summary>
    public Task<ImageOpening[]> OpenManyAsync(IReadOnlyList<CatalogEntry> entries, ReaderCredential onBehalfOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onBehalfOf);
        return OpenManyAsync(entries, onBehalfOf.Delegate(_cluster), cancellationToken);
    }

    /// <summary><see cref="OpenManyAsync(IReadOnlyList{CatalogEntry}, ReaderCredential, CancellationToken)"/> through <paramref name="view"/>.</summary>
    public async Task<ImageOpening[]> OpenManyAsync(IReadOnlyList<CatalogEntry> entries, KeystoreCluster view, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(view);
        var keys = await view.GetKeysAsync([.. entries.Select(e => KeyId.Parse(e.KeyId))], cancellationToken);
        return [.. entries.Select((entry, i) => keys[i].Key is { } key
            ? new ImageOpening(entry, new DecryptedImage(entry, key, _objects), null)
            : new ImageOpening(entry, null, keys[i].Error))];
    }
}

/// <summary>One image of <see cref="DecryptedImages.OpenManyAsync(IReadOnlyList{CatalogEntry}, KeystoreCluster, CancellationToken)"/>: opened, or why its key could not be rebuilt.</summary>
internal sealed record ImageOpening(CatalogEntry Entry, DecryptedImage? Image, ClusterException? Error);

/// <summary>An image whose key was rebuilt for a reader; dispose it to zero the key.</summary>
internal sealed class DecryptedImage : IDisposable
{
    private readonly FetchedKey _key;
    private readonly IObjectStore _objects;

    public DecryptedImage(CatalogEntry entry, FetchedKey key, IObjectStore objects)
    {
        Entry = entry;
        _key = key;
        _objects = objects;
    }

    public CatalogEntry Entry { get; }

    /// <summary>Writes the de-identified DICOM file (PS3.10) to <paramref name="destination"/>, each segment once its tag verified.</summary>
    /// <exception cref="ContainerException">The stored object is damaged; what was written before the damage is verified.</exception>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
        ObjectEncryption.CopyToAsync(_objects, Entry.ObjectPath, _key.KeyMemory, destination, cancellationToken);

    /// <summary>The whole de-identified file in memory, for a caller that parses or sends it as one piece (one image at a time).</summary>
    /// <exception cref="ContainerException">The stored object is damaged.</exception>
    public Task<ReadOnlyMemory<byte>> ReadAllAsync(CancellationToken cancellationToken) =>
        ObjectEncryption.ReadAllAsync(_objects, Entry.ObjectPath, _key.KeyMemory, Entry.Size, cancellationToken);

    public void Dispose() => _key.Dispose();
}
