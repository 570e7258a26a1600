using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Network.Services;

namespace Hydra.Bridge.Readers;

/// <summary>
/// C-GET and C-MOVE for readers on DICOM TLS. Each image's key is rebuilt <em>on behalf of the reader</em>: the bridge
/// forwards the reader's certificate chain, and every keystore node validates it, applies the reader's ACL and
/// records both the reader and the bridge. A refused key fails that sub-operation; the reader gets nothing else.
/// </summary>
internal sealed class CatalogRetrieveHandler : IDicomRetrieveHandler
{
    private readonly IBridgeStore _store;
    private readonly DecryptedImages _images;
    private readonly ReaderAccess _readers;
    private readonly CatalogAccess _catalog;

    public CatalogRetrieveHandler(IBridgeStore store, DecryptedImages images, ReaderAccess readers, CatalogAccess catalog)
    {
        _store = store;
        _images = images;
        _readers = readers;
        _catalog = catalog;
    }

    public async Task<IReadOnlyList<DicomRetrieveInstance>> FindInstancesAsync(DicomRetrieveRequest request, CancellationToken cancellationToken)
    {
        var (identity, reader) = _readers.Require(request.Association);
        var onBehalfOf = ReaderCredential.Chain(identity.Connection.Session.PeerChain);
        var matches = (await _store.CatalogEntriesAsync(cancellationToken))
            .Where(e => _catalog.MayRead(e, reader))
            .Where(e => DicomQueryMatcher.Matches(request.Identifier, CatalogRecords.At(DicomQueryLevel.Image, [e]).Single()))
            .Select(entry => new DicomRetrieveInstance(
                entry.SopClassUid,
                entry.SopInstanceUid,
                DicomTransferSyntax.Lookup(entry.TransferSyntaxUid),
                token => OpenAsync(onBehalfOf, entry, token)))
            .ToList();
        return matches;
    }

    private async Task<DicomFile> OpenAsync(ReaderCredential onBehalfOf, CatalogEntry entry, CancellationToken cancellationToken)
    {
        using var image = await _images.OpenAsync(entry, onBehalfOf, cancellationToken);
        // DIMSE sends a parsed dataset, so the plaintext is gathered in memory (never on disk).
        return DicomFile.Read(await image.ReadAllAsync(cancellationToken));
    }
}
