namespace Hydra.Dicom.Network.Services;

/// <summary>
/// One instance a C-GET or C-MOVE will send: its SOP class, instance and transfer syntax up front (to choose or
/// propose presentation contexts), and how to load it when its turn comes.
/// </summary>
public sealed class DicomRetrieveInstance
{
    private readonly Func<CancellationToken, Task<DicomFile>> _open;

    public DicomRetrieveInstance(string sopClassUid, string sopInstanceUid, DicomTransferSyntax transferSyntax,
        Func<CancellationToken, Task<DicomFile>> open)
    {
        ArgumentException.ThrowIfNullOrEmpty(sopClassUid);
        ArgumentException.ThrowIfNullOrEmpty(sopInstanceUid);
        ArgumentNullException.ThrowIfNull(transferSyntax);
        ArgumentNullException.ThrowIfNull(open);
        SopClassUid = sopClassUid;
        SopInstanceUid = sopInstanceUid;
        TransferSyntax = transferSyntax;
        _open = open;
    }

    public string SopClassUid { get; }

    public string SopInstanceUid { get; }

    /// <summary>The syntax the instance is stored in; sent as is, or converted only between uncompressed syntaxes.</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>An instance already in memory.</summary>
    public static DicomRetrieveInstance FromFile(DicomFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var dataset = file.Dataset;
        return new DicomRetrieveInstance(
            dataset.GetString(Dictionary.DicomTags.SOPClassUID) ?? throw new ArgumentException("The file has no SOP Class UID.", nameof(file)),
            dataset.GetString(Dictionary.DicomTags.SOPInstanceUID) ?? throw new ArgumentException("The file has no SOP Instance UID.", nameof(file)),
            file.TransferSyntax,
            _ => Task.FromResult(file));
    }

    /// <summary>Loads the instance (e.g. reads and decrypts it).</summary>
    public Task<DicomFile> OpenAsync(CancellationToken cancellationToken) => _open(cancellationToken);
}
