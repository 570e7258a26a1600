using Hydra.Dicom.Network.Services;

namespace Hydra.Benchmarks.Dimse;

/// <summary>The bench's C-STORE handler: each instance written to disk as a PS3.10 file, the data set copied unparsed.</summary>
public sealed class Part10DiskHandler : IDicomStoreHandler
{
    private int _count;

    public Part10DiskHandler(string folder) => Folder = folder;

    public string Folder { get; set; }

    public int Count => Volatile.Read(ref _count);

    public async Task<DicomStoreResult> StoreAsync(DicomStoreRequest request, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Folder, request.SopInstanceUid + ".dcm");
        await request.WritePart10FileAsync(path, cancellationToken);

        Interlocked.Increment(ref _count);
        return DicomStoreResult.Success;
    }
}
