using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Hydra.Storage.Files;

/// <summary>
/// A growable, write-only memory stream whose contents start on a 4 KiB boundary, as writes that bypass the page cache
/// (O_DIRECT) require of their source. Reusable: <see cref="Reset"/> keeps the memory, so a pooled buffer stays
/// resident instead of faulting in fresh pages for every file.
/// </summary>
public sealed class AlignedMemoryStream : Stream
{
    /// <summary>The alignment of the contents' start and of <see cref="PaddedLength"/>.</summary>
    public const int Alignment = 4096;

    private byte[] _array;
    private int _offset;
    private int _length;

    public AlignedMemoryStream(int initialCapacity = 1 << 20)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, Alignment);
        (_array, _offset) = Allocate(initialCapacity);
    }

    /// <summary>Bytes written since the last <see cref="Reset"/>.</summary>
    public override long Length => _length;

    /// <summary>Bytes the buffer can hold without growing.</summary>
    public int Capacity => _array.Length - _offset - Alignment;

    /// <summary><see cref="Length"/> rounded up to <see cref="Alignment"/>.</summary>
    public int PaddedLength => (_length + Alignment - 1) / Alignment * Alignment;

    /// <summary>The contents followed by zeros up to <see cref="PaddedLength"/>; starts on a 4 KiB boundary.</summary>
    public ReadOnlySpan<byte> Padded()
    {
        var padded = PaddedLength;
        _array.AsSpan(_offset + _length, padded - _length).Clear();
        return _array.AsSpan(_offset, padded);
    }

    /// <summary>The contents written.</summary>
    public ReadOnlySpan<byte> Contents => _array.AsSpan(_offset, _length);

    /// <summary>Empties the buffer, keeping its memory.</summary>
    public void Reset() => _length = 0;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        EnsureCapacity(_length + buffer.Length);
        buffer.CopyTo(_array.AsSpan(_offset + _length));
        _length += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    private void EnsureCapacity(long needed)
    {
        // Capacity leaves room for the padding to the next boundary.
        var capacity = Capacity;
        if (needed <= capacity)
        {
            return;
        }

        if (needed > int.MaxValue - 2 * Alignment)
        {
            throw new InvalidOperationException($"An aligned buffer holds at most {int.MaxValue - 2 * Alignment} bytes.");
        }

        var (array, offset) = Allocate((int)Math.Min(Math.Max(needed, 2L * capacity), int.MaxValue - 2 * Alignment));
        Contents.CopyTo(array.AsSpan(offset));
        (_array, _offset) = (array, offset);
    }

    /// <summary>A pinned array (it must not move while the kernel reads it) and the offset of its first aligned byte.</summary>
    private static unsafe (byte[] Array, int Offset) Allocate(int capacity)
    {
        var array = GC.AllocateUninitializedArray<byte>(capacity + 2 * Alignment, pinned: true);
        var address = (nint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        var offset = (int)((Alignment - (address % Alignment)) % Alignment);
        return (array, offset);
    }
}
