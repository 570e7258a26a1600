using System.Runtime.CompilerServices;
using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Network.Services;

namespace Hydra.Bridge.Readers;

/// <summary>
/// C-FIND over the catalog, for readers on DICOM TLS: only images whose recorded ACL lets the reader get their key
/// are candidates (the keystore still decides when a key is fetched).
/// </summary>
internal sealed class CatalogFindHandler : IDicomFindHandler
{
    private readonly IBridgeStore _store;
    private readonly ReaderAccess _readers;
    private readonly CatalogAccess _catalog;

    public CatalogFindHandler(IBridgeStore store, ReaderAccess readers, CatalogAccess catalog)
    {
        _store = store;
        _readers = readers;
        _catalog = catalog;
    }

    public async IAsyncEnumerable<DicomDataset> FindAsync(DicomFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (_, reader) = _readers.Require(request.Association);
        var visible = (await _store.CatalogEntriesAsync(cancellationToken)).Where(e => _catalog.MayRead(e, reader)).ToList();
        foreach (var record in CatalogRecords.At(request.Level, visible))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }
    }
}
