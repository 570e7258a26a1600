using System.Runtime.InteropServices;

namespace Hydra.Dicom.IO;

/// <summary>
/// A resumable push parser for encoded data sets (PS3.5 7): feed it bytes in any chunks and it reports elements,
/// sequences, items and fragments to an <see cref="IDicomReaderObserver"/> as soon as they are complete. "Need more
/// bytes" is simply returning; malformed input throws <see cref="DicomFormatException"/>. No recursion: nesting is
/// an explicit frame stack, so hostile depth costs memory bounded by <see cref="DicomReaderOptions.MaxNestingDepth"/>.
/// </summary>
internal sealed partial class DicomParser
{
    private const int MaxHeaderLength = 12;
    private const int InitialGrowableValue = 4 << 20;

    private readonly IDicomReaderObserver _observer;
    private readonly DicomReaderOptions _options;
    private readonly Func<DicomTag, bool>? _stopBefore;
    private readonly List<Frame> _frames = [];
    private readonly byte[] _header = new byte[MaxHeaderLength];
    private int _headerFilled;
    private long _position;
    private long _inputEnd = -1;
    private ParserState _state = ParserState.Header;
    private DicomElementHeader _pending;
    private bool _pendingIsFragment;
    private bool _pendingBigEndian;
    private byte[]? _valueBuffer;
    private int _valueFilled;
    private int _elementCount;
    private int _sequenceDepth;

    /// <summary>
    /// Creates a parser for a data set encoded with the given VR and byte order, whose first byte is at
    /// <paramref name="startOffset"/> of the input. <paramref name="stopBefore"/>, if given, ends parsing before the
    /// first top-level tag it accepts (used to read the file meta group).
    /// </summary>
    public DicomParser(IDicomReaderObserver observer, DicomReaderOptions options, bool explicitVR, bool bigEndian,
        long startOffset = 0, Func<DicomTag, bool>? stopBefore = null)
    {
        _observer = observer;
        _options = options;
        _stopBefore = stopBefore;
        _position = startOffset;
        _frames.Add(new Frame { Kind = FrameKind.Dataset, End = -1, ExplicitVR = explicitVR, BigEndian = bigEndian });
    }

    private enum ParserState
    {
        Header,
        Value,
        Stopped,
    }

    private enum FrameKind
    {
        Dataset,
        Sequence,
        Fragments,
    }

    /// <summary>Offset of the next byte the parser expects.</summary>
    public long Position => _position;

    /// <summary>True once the stop predicate accepted a tag; <see cref="Position"/> is then that element's offset.</summary>
    public bool IsStopped => _state == ParserState.Stopped;

    /// <summary>Declares where the input ends, so lengths are checked against what remains before reading on.</summary>
    public void SetInputEnd(long end) => _inputEnd = end;

    /// <summary>
    /// Parses as much of <paramref name="data"/> as possible and returns the bytes consumed: all of them unless the
    /// parser stopped. When <paramref name="stable"/> is true the memory outlives the parse, so values are handed on
    /// as slices of it; otherwise each value is copied once into its own array.
    /// </summary>
    public int Parse(ReadOnlyMemory<byte> data, bool stable)
    {
        var offset = 0;
        while (_state != ParserState.Stopped)
        {
            if (_state == ParserState.Value)
            {
                offset += ReadValue(data[offset..], stable);
                if (_state == ParserState.Value)
                {
                    return offset;
                }

                continue;
            }

            CloseEndedFrames();
            if (offset == data.Length)
            {
                return offset;
            }

            var consumed = ReadHeader(data.Span[offset..]);
            if (consumed < 0)
            {
                return data.Length;
            }

            offset += consumed;
        }

        return offset;
    }

    /// <summary>
    /// While a large value is being read, the rest of its buffer, so a stream can be read straight into it;
    /// false otherwise. Follow with <see cref="AdvanceValue"/>.
    /// </summary>
    public bool TryGetValueDestination(int minimumLength, out Memory<byte> destination)
    {
        destination = default;
        var missing = (long)_pending.Length - _valueFilled;
        if (_state != ParserState.Value || missing < minimumLength)
        {
            return false;
        }

        EnsureValueCapacity(minimumLength);
        destination = _valueBuffer.AsMemory(_valueFilled, (int)Math.Min(missing, _valueBuffer!.Length - _valueFilled));
        return true;
    }

    /// <summary>Records that <paramref name="count"/> bytes were written into the destination from <see cref="TryGetValueDestination"/>.</summary>
    public void AdvanceValue(int count)
    {
        _valueFilled += count;
        _position += count;
        if (_valueFilled == _pending.Length)
        {
            CompleteOwnedValue();
        }
    }

    /// <summary>Declares the end of input: throws <see cref="DicomFormatException"/> if it cut an element, item or sequence short.</summary>
    public void Complete()
    {
        if (_state == ParserState.Stopped)
        {
            return;
        }

        CloseEndedFrames();
        if (_state == ParserState.Value)
        {
            throw Error(DicomFormatReason.UnexpectedEndOfData, _pending.Offset, _pending.Tag,
                $"the input ends {_valueFilled} bytes into a value of {_pending.Length} bytes");
        }

        if (_headerFilled > 0)
        {
            throw Error(DicomFormatReason.UnexpectedEndOfData, _position, null,
                $"the input ends inside an element header ({_headerFilled} of at least 8 bytes)");
        }

        if (_frames.Count > 1)
        {
            var open = _frames[^1];
            var what = open.Kind == FrameKind.Dataset ? "an item of" : open.Kind == FrameKind.Sequence ? "sequence" : "encapsulated value";
            throw Error(DicomFormatReason.UnexpectedEndOfData, _position, open.Tag, $"the input ends inside {what} {open.Tag}");
        }
    }

    private ref Frame Top => ref CollectionsMarshal.AsSpan(_frames)[^1];

    private int ReadValue(ReadOnlyMemory<byte> data, bool stable)
    {
        var length = (int)_pending.Length;
        if (_valueBuffer is null && stable && data.Length >= length)
        {
            _position += length;
            EmitValue(data[..length], owned: false);
            return length;
        }

        EnsureValueCapacity(data.Length);
        var take = Math.Min(data.Length, length - _valueFilled);
        data.Span[..take].CopyTo(_valueBuffer.AsSpan(_valueFilled));
        AdvanceValue(take);
        return take;
    }

    // Values are allocated at their declared size when the input end bounds them; from an unbounded stream a
    // large declared length is only trusted as the bytes arrive, so a lying header cannot claim the memory.
    private void EnsureValueCapacity(int incoming)
    {
        var length = (int)_pending.Length;
        if (_valueBuffer is not null && (_valueBuffer.Length == length || _valueBuffer.Length - _valueFilled >= incoming))
        {
            return;
        }

        var capacity = _inputEnd >= 0 || length <= InitialGrowableValue
            ? length
            : (int)Math.Min(length, Math.Max((long)InitialGrowableValue, Math.Max(2L * _valueFilled, (long)_valueFilled + incoming)));
        // Uninitialised: a value is emitted only once every byte has been filled (AdvanceValue), so zeroing first was waste.
        var buffer = GC.AllocateUninitializedArray<byte>(capacity);
        _valueBuffer?.AsSpan(0, _valueFilled).CopyTo(buffer);
        _valueBuffer = buffer;
    }

    private void CompleteOwnedValue()
    {
        var buffer = _valueBuffer!;
        _valueBuffer = null;
        _valueFilled = 0;
        EmitValue(buffer, owned: true);
    }

    private void EmitValue(ReadOnlyMemory<byte> value, bool owned)
    {
        _state = ParserState.Header;
        if (_pendingBigEndian)
        {
            value = ByteOrder.ToLittleEndian(value, _pending.VR, owned);
        }

        if (_pendingIsFragment)
        {
            _observer.OnFragment(_pending.Offset, value);
        }
        else
        {
            _observer.OnElement(_pending, value);
        }
    }

    private void CloseEndedFrames()
    {
        while (_frames.Count > 1)
        {
            var top = _frames[^1];
            if (top.End < 0 || _position < top.End)
            {
                return;
            }

            _frames.RemoveAt(_frames.Count - 1);
            if (top.Kind == FrameKind.Dataset)
            {
                _observer.OnEndItem();
            }
            else
            {
                _sequenceDepth--;
                _observer.OnEndSequence();
            }
        }
    }

    private static DicomFormatException Error(DicomFormatReason reason, long offset, DicomTag? tag, string detail) =>
        new(reason, offset, tag, detail);

    private struct Frame
    {
        public FrameKind Kind;
        public long End;
        public bool ExplicitVR;
        public bool BigEndian;
        public DicomTag Tag;
        public int Items;
        public bool SeenElement;
    }
}
