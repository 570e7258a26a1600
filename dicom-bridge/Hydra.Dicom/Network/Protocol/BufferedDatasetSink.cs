using System.Buffers;
using System.Globalization;

namespace Hydra.Dicom.Network.Protocol;

/// <summary>
/// Gathers a small data set (a C-FIND identifier, a response's data set) in memory up to a limit, then hands the
/// bytes on. Large data sets only arrive with C-STORE, which streams instead.
/// </summary>
internal sealed class BufferedDatasetSink : IDatasetSink
{
    private readonly ArrayBufferWriter<byte> _bytes = new();
    private readonly long _limit;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _onComplete;

    public BufferedDatasetSink(long limit, Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> onComplete)
    {
        _limit = limit;
        _onComplete = onComplete;
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> fragment, CancellationToken cancellationToken)
    {
        if (_bytes.WrittenCount + (long)fragment.Length > _limit)
        {
            throw new DicomNetworkException(string.Create(CultureInfo.InvariantCulture,
                $"A data set outside C-STORE exceeds the limit of {_limit} bytes."));
        }

        _bytes.Write(fragment.Span);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(CancellationToken cancellationToken) => _onComplete(_bytes.WrittenMemory, cancellationToken);

    public void Fail(Exception reason)
    {
    }
}
