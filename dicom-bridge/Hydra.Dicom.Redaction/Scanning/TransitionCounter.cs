using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// The pre-filter's inner loop: in each 16-pixel segment of each row, how many neighbours differ by more than a
/// threshold (a stroke's edge); a segment with enough of them is "busy", and each 16x16 cell counts its busy rows.
/// Text crosses a row many times per 16 pixels; an organ's edge once or twice. One SIMD compare per 16 pixels.
/// </summary>
internal static class TransitionCounter
{
    public const int Cell = 16;

    /// <summary>
    /// 16-bit samples, each mapped as <c>clamp(((v &lt;&lt; shift) ^ flip), lo, hi)</c>: the shift drops bits above Bits
    /// Stored, the flip makes signed values order like unsigned ones, the clamp is the window (outside it the rendered
    /// image is flat, so differences there are not edges).
    /// </summary>
    public static void CountBusyRows(ReadOnlySpan<ushort> pixels, int width, int height, in Mapping16 map, int minTransitions, Span<byte> busy)
    {
        var columns = (width + Cell - 1) / Cell;
        var (lo, hi, flip, threshold) = (Vector256.Create(map.Low), Vector256.Create(map.High), Vector256.Create(map.Flip), Vector256.Create(map.Threshold));
        var shift = map.Shift;
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            var counts = busy.Slice(y / Cell * columns, columns);
            ref var start = ref MemoryMarshal.GetReference(row);
            var c = 0;
            for (; (c * Cell) + Cell < width; c++)
            {
                var a = Vector256.Min(Vector256.Max((Vector256.LoadUnsafe(ref start, (nuint)(c * Cell)) << shift) ^ flip, lo), hi);
                var b = Vector256.Min(Vector256.Max((Vector256.LoadUnsafe(ref start, (nuint)((c * Cell) + 1)) << shift) ^ flip, lo), hi);
                var edges = Vector256.GreaterThan(Vector256.Max(a, b) - Vector256.Min(a, b), threshold).ExtractMostSignificantBits();
                if (BitOperations.PopCount(edges) >= minTransitions)
                {
                    counts[c]++;
                }
            }

            for (; c < columns; c++)
            {
                var n = 0;
                for (var x = c * Cell; x < Math.Min(width - 1, (c * Cell) + Cell); x++)
                {
                    int a = map.Map(row[x]), b = map.Map(row[x + 1]);
                    n += Math.Abs(a - b) > map.Threshold ? 1 : 0;
                }

                counts[c] += (byte)(n >= minTransitions ? 1 : 0);
            }
        }
    }

    /// <summary>8-bit samples (already rendered: grey, luminance or chroma), threshold in grey levels.</summary>
    public static void CountBusyRows(ReadOnlySpan<byte> pixels, int width, int height, byte threshold, int minTransitions, Span<byte> busy)
    {
        var columns = (width + Cell - 1) / Cell;
        var limit = Vector128.Create(threshold);
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * width, width);
            var counts = busy.Slice(y / Cell * columns, columns);
            ref var start = ref MemoryMarshal.GetReference(row);
            var c = 0;
            for (; (c * Cell) + Cell < width; c++)
            {
                var a = Vector128.LoadUnsafe(ref start, (nuint)(c * Cell));
                var b = Vector128.LoadUnsafe(ref start, (nuint)((c * Cell) + 1));
                var edges = Vector128.GreaterThan(Vector128.Max(a, b) - Vector128.Min(a, b), limit).ExtractMostSignificantBits();
                if (BitOperations.PopCount(edges) >= minTransitions)
                {
                    counts[c]++;
                }
            }

            for (; c < columns; c++)
            {
                var n = 0;
                for (var x = c * Cell; x < Math.Min(width - 1, (c * Cell) + Cell); x++)
                {
                    n += Math.Abs(row[x] - row[x + 1]) > threshold ? 1 : 0;
                }

                counts[c] += (byte)(n >= minTransitions ? 1 : 0);
            }
        }
    }

    /// <summary>The lowest and highest mapped value (shift and flip only) of a frame, for a window spanning its range.</summary>
    public static (ushort Min, ushort Max) Range(ReadOnlySpan<ushort> pixels, int shift, ushort flip)
    {
        var (min, max) = (Vector256.Create(ushort.MaxValue), Vector256<ushort>.Zero);
        var f = Vector256.Create(flip);
        ref var start = ref MemoryMarshal.GetReference(pixels);
        var i = 0;
        for (; i + 16 <= pixels.Length; i += 16)
        {
            var v = (Vector256.LoadUnsafe(ref start, (nuint)i) << shift) ^ f;
            (min, max) = (Vector256.Min(min, v), Vector256.Max(max, v));
        }

        var (lo, hi) = (ushort.MaxValue, ushort.MinValue);
        for (var lane = 0; lane < 16; lane++)
        {
            (lo, hi) = (Math.Min(lo, min[lane]), Math.Max(hi, max[lane]));
        }

        for (; i < pixels.Length; i++)
        {
            var v = (ushort)((ushort)(pixels[i] << shift) ^ flip);
            (lo, hi) = (Math.Min(lo, v), Math.Max(hi, v));
        }

        return (lo, hi);
    }
}

/// <summary>How 16-bit stored values map into the pre-filter's unsigned domain, and its threshold there.</summary>
internal readonly record struct Mapping16(int Shift, ushort Flip, ushort Low, ushort High, ushort Threshold)
{
    public ushort Map(ushort stored) => Math.Clamp((ushort)((ushort)(stored << Shift) ^ Flip), Low, High);
}
