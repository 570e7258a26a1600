using System.Buffers;

namespace Hydra.Dicom.IO;

/// <summary>
/// Reads a data set pushed in pieces as they arrive, e.g. the PDV fragments of a P-DATA-TF (PS3.8 9.3.5): each
/// value is copied once into its own array as soon as its bytes are in. Deflated syntaxes are inflated at the end.
/// </summary>
public sealed class DicomIncrementalReader
{
    private readonly DicomDatasetBuilder _builder = new();
    private readonly DicomParser? _parser;
    private readonly ArrayBufferWriter<byte>? _deflated;
    private readonly DicomReaderOptions _options;
    private bool _completed;

    /// <summary>Creates a reader for a data set in <paramref name="syntax"/>.</summary>
    public DicomIncrementalReader(DicomTransferSyntax syntax, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        _options = options ?? DicomReaderOptions.Default;
        _options.Validate();
        if (syntax.IsDeflated)
        {
            _deflated = new ArrayBufferWriter<byte>();
        }
        else
        {
            _parser = new DicomParser(_builder, _options, syntax.IsExplicitVR, syntax.IsBigEndian);
        }
    }

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Parses the next piece; the reader keeps no reference to <paramref name="data"/>.</summary>
    public void Append(ReadOnlyMemory<byte> data)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        BytesReceived += data.Length;
        if (_deflated is not null)
        {
            if ((long)_deflated.WrittenCount + data.Length > _options.MaxDatasetLength)
            {
                throw new DicomFormatException(DicomFormatReason.DatasetTooLong, _deflated.WrittenCount, null,
                    $"the deflated data set exceeds the limit of {_options.MaxDatasetLength} bytes");
            }

            _deflated.Write(data.Span);
            return;
        }

        _parser!.Parse(data, stable: false);
    }

    /// <summary>Declares the end of the data set and returns it; throws <see cref="DicomFormatException"/> if it was cut short.</summary>
    public DicomDataset Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        if (_deflated is not null)
        {
            var inflated = StreamParsing.Inflate(_deflated.WrittenMemory, _options.MaxDatasetLength, 0);
            var parser = new DicomParser(_builder, _options, explicitVR: true, bigEndian: false);
            StreamParsing.ParseMemory(parser, inflated, 0);
        }
        else
        {
            _parser!.Complete();
        }

        _builder.Complete();
        return _builder.Dataset;
    }
}
