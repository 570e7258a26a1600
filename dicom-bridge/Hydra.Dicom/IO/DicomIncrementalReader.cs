namespace Hydra.Dicom.IO;

/// <summary>
/// Builds a data set pushed in pieces as they arrive, e.g. the PDV fragments of P-DATA-TF (PS3.8 9.3.5): a
/// <see cref="DicomPushParser"/> feeding a <see cref="DicomDatasetBuilder"/>.
/// </summary>
public sealed class DicomIncrementalReader
{
    private readonly DicomDatasetBuilder _builder = new();
    private readonly DicomPushParser _parser;

    /// <summary>Creates a reader for a data set in <paramref name="syntax"/>.</summary>
    public DicomIncrementalReader(DicomTransferSyntax syntax, DicomReaderOptions? options = null) =>
        _parser = new DicomPushParser(_builder, syntax, options);

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived => _parser.BytesReceived;

    /// <summary>Parses the next piece; the reader keeps no reference to <paramref name="data"/>.</summary>
    public void Append(ReadOnlyMemory<byte> data) => _parser.Append(data);

    /// <summary>Declares the end of the data set and returns it; throws <see cref="DicomFormatException"/> if it was cut short.</summary>
    public DicomDataset Complete()
    {
        _parser.Complete();
        _builder.Complete();
        return _builder.Dataset;
    }
}
