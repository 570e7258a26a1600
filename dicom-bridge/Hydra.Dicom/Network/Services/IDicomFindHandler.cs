namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Supplies the catalog C-FIND searches (PS3.4 C.4.1): the candidate records at <see cref="DicomFindRequest.Level"/>,
/// each holding the attributes of that level and of the levels above it. The server matches them against the
/// identifier with <see cref="DicomQueryMatcher"/> and returns the requested keys of each match, so a handler may
/// return every record, or pre-filter (e.g. by an index) and let the matcher settle the rest.
/// </summary>
public interface IDicomFindHandler
{
    /// <summary>The candidates; throw <see cref="DicomServiceException"/> to refuse (e.g. 0124 not authorized).</summary>
    IAsyncEnumerable<DicomDataset> FindAsync(DicomFindRequest request, CancellationToken cancellationToken);
}
