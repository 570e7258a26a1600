using System.Runtime.CompilerServices;
using Hydra.Bridge.Ingest;
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
    private readonly BridgeStore _store;
    private readonly ILogger _logger;

    public CatalogFindHandler(BridgeStore store, ILogger<CatalogFindHandler> logger)
    {
        _store = store;
        _logger = logger;
    }

    public async IAsyncEnumerable<DicomDataset> FindAsync(DicomFindRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = ReaderAccess.Require(request.Association, _logger).Reader!;
        var visible = _store.CatalogEntries().Where(e => AclRules.Allows(e.Acl, reader)).ToList();
        foreach (var record in CatalogRecords.At(request.Level, visible))
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return record;
        }

        await Task.CompletedTask;
    }
}
