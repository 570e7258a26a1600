using Hydra.Bridge.Storage;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Dicom;
using Hydra.Dicom.Network.Services;
using Hydra.Keystore.Contract;

namespace Hydra.Bridge.Readers;

/// <summary>
/// C-GET and C-MOVE for readers on DICOM TLS. Each image's key is rebuilt <em>on behalf of the reader</em>: the bridge
/// forwards the reader's certificate chain, and every keystore node validates it, applies the reader's ACL and
/// records both the reader and the bridge. A refused key fails that sub-operation; the reader gets nothing else.
/// </summary>
internal sealed class CatalogRetrieveHandler : IDicomRetrieveHandler
{
    private readonly BridgeStore _store;
    private readonly ObjectStore _objects;
    private readonly KeystoreCluster _cluster;
    private readonly ReaderAccess _readers;
    private readonly CatalogAccess _catalog;

    public CatalogRetrieveHandler(BridgeStore store, ObjectStore objects, KeystoreCluster cluster, ReaderAccess readers, CatalogAccess catalog)
    {
        _store = store;
        _objects = objects;
        _cluster = cluster;
        _readers = readers;
        _catalog = catalog;
    }

    public Task<IReadOnlyList<DicomRetrieveInstance>> FindInstancesAsync(DicomRetrieveRequest request, CancellationToken cancellationToken)
    {
        var (identity, reader) = _readers.Require(request.Association);
        var asReader = _cluster.OnBehalfOf(identity.Connection.Session.PeerChain);
        var matches = _store.CatalogEntries()
            .Where(e => _catalog.MayRead(e, reader))
            .Where(e => DicomQueryMatcher.Matches(request.Identifier, CatalogRecords.At(DicomQueryLevel.Image, [e]).Single()))
            .Select(entry => new DicomRetrieveInstance(
                entry.SopClassUid,
                entry.SopInstanceUid,
                DicomTransferSyntax.Lookup(entry.TransferSyntaxUid),
                token => OpenAsync(asReader, entry, token)))
            .ToList();
        return Task.FromResult<IReadOnlyList<DicomRetrieveInstance>>(matches);
    }

    private async Task<DicomFile> OpenAsync(KeystoreCluster asReader, CatalogEntry entry, CancellationToken cancellationToken)
    {
        using var key = await asReader.GetKeyAsync(KeyId.Parse(entry.KeyId), cancellationToken);
        var ciphertext = _objects.OpenRead(entry.ObjectPath);
        await using (ciphertext)
        {
            using var plaintext = new MemoryStream();
            await ContainerCipher.DecryptAsync(ciphertext, plaintext, key.KeyMemory, cancellationToken);
            return DicomFile.Read(plaintext.GetBuffer().AsMemory(0, (int)plaintext.Length));
        }
    }
}
