using System.Buffers;

namespace Hydra.Dicom.IO;

/// <summary>
/// Parses a data set pushed in pieces as they arrive (e.g. the PDV fragments of P-DATA-TF, PS3.8 9.3.5) and reports
/// it to an <see cref="IDicomReaderObserver"/> element by element, so a handler can stream a large data set to disk
/// without building it. Each value is copied once, as soon as its bytes are in. Deflated syntaxes are buffered
/// compressed and inflated at <see cref="Complete"/>.
/// </summary>
public sealed class DicomPushParser
{
    private readonly IDicomReaderObserver _observer;
    private readonly DicomReaderOptions _options;
    private readonly DicomParser? _parser;
    private readonly ArrayBufferWriter<byte>? _deflated;
    private bool _completed;

    /// <summary>Creates a parser for a data set in <paramref name="syntax"/> that reports to <paramref name="observer"/>.</summary>
    public DicomPushParser(IDicomReaderObserver observer, DicomTransferSyntax syntax, DicomReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(syntax);
        _observer = observer;
        _options = options ?? DicomReaderOptions.Default;
        _options.Validate();
        if (syntax.IsDeflated)
        {
            _deflated = new ArrayBufferWriter<byte>();
        }
        else
        {
            _parser = new DicomParser(observer, _options, syntax.IsExplicitVR, syntax.IsBigEndian);
        }
    }

    /// <summary>Bytes received so far.</summary>
    public long BytesReceived { get; private set; }

    /// <summary>Parses the next piece; no reference to <paramref name="data"/> is kept.</summary>
    public void Append(ReadOnlyMemory<byte> data)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        BytesReceived += data.Length;
        if (_deflated is null)
        {
            _parser!.Parse(data, stable: false);
            return;
        }

        if (_deflated.WrittenCount + (long)data.Length > _options.MaxDatasetLength)
        {
            throw new DicomFormatException(DicomFormatReason.DatasetTooLong, _deflated.WrittenCount, null,
                $"the deflated data set exceeds the limit of {_options.MaxDatasetLength} bytes");
        }

        _deflated.Write(data.Span);
    }

    /// <summary>Declares the end of the data set; throws <see cref="DicomFormatException"/> if it was cut short.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        _completed = true;
        if (_deflated is null)
        {
            _parser!.Complete();
            return;
        }

        var inflated = StreamParsing.Inflate(_deflated.WrittenMemory, _options.MaxDatasetLength, 0);
        StreamParsing.ParseMemory(new DicomParser(_observer, _options, explicitVR: true, bigEndian: false), inflated, 0);
    }
}
