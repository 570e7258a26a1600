using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hydra.Dicom.Imaging;

namespace Hydra.Dicom.Redaction.Scanning;

/// <summary>
/// One view of one frame that the scanner reads: either 8-bit samples already rendered (grey 8-bit through its window,
/// luminance or chroma of colour) in a pooled buffer, or 16-bit stored values read in place and rendered only where
/// the pre-filter asks OCR to look, so a text-free 16-bit frame is never rendered at all.
/// </summary>
internal sealed class FramePlane : IDisposable
{
    private readonly byte[]? _bytes;
    private readonly ReadOnlyMemory<byte> _raw;
    private readonly Grey16? _grey;

    private FramePlane(int width, int height, byte[]? bytes, ReadOnlyMemory<byte> raw, Grey16? grey)
    {
        (Width, Height, _bytes, _raw, _grey) = (width, height, bytes, raw, grey);
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>A plane over rendered 8-bit samples; takes ownership of <paramref name="pooled"/> (from <see cref="ArrayPool{T}.Shared"/>).</summary>
    public static FramePlane Rendered(int width, int height, byte[] pooled) => new(width, height, pooled, default, null);

    /// <summary>A plane over a 16-bit grey frame's stored values (little endian, as Hydra.Dicom keeps them).</summary>
    public static FramePlane Stored16(PixelLayout layout, ReadOnlyMemory<byte> frame, VoiWindow? window, int minimumContrast) =>
        new(layout.Columns, layout.Rows, null, frame, Grey16.Create(layout, frame.Span, window, minimumContrast));

    /// <summary>Busy-row counts per 16x16 cell (row-major, <c>ceil(width/16)</c> per row), see <see cref="TransitionCounter"/>.</summary>
    public byte[] CountBusyRows(int minimumContrast, int minimumTransitions)
    {
        var busy = new byte[((Width + TransitionCounter.Cell - 1) / TransitionCounter.Cell) * ((Height + TransitionCounter.Cell - 1) / TransitionCounter.Cell)];
        if (_grey is { } grey)
        {
            TransitionCounter.CountBusyRows(MemoryMarshal.Cast<byte, ushort>(_raw.Span), Width, Height, grey.Map, minimumTransitions, busy);
        }
        else
        {
            TransitionCounter.CountBusyRows(_bytes.AsSpan(0, Width * Height), Width, Height, (byte)Math.Clamp(minimumContrast, 0, 255), minimumTransitions, busy);
        }

        return busy;
    }

    /// <summary>Renders <paramref name="box"/> to 8 bits into <paramref name="destination"/> (box.Width per row).</summary>
    public void Render(Box box, Span<byte> destination)
    {
        for (var y = 0; y < box.Height; y++)
        {
            var target = destination.Slice(y * box.Width, box.Width);
            var from = ((box.Y + y) * Width) + box.X;
            if (_grey is { } grey)
            {
                var raw = _raw.Span;
                for (var x = 0; x < box.Width; x++)
                {
                    target[x] = grey.Render(BinaryPrimitives.ReadUInt16LittleEndian(raw[(2 * (from + x))..]));
                }
            }
            else
            {
                _bytes.AsSpan(from, box.Width).CopyTo(target);
            }
        }
    }

    public void Dispose()
    {
        if (_bytes is not null)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
        }
    }

    /// <summary>A 16-bit grey frame's mapping into the pre-filter's domain and its rendering at the window.</summary>
    private sealed record Grey16(PixelLayout Layout, VoiWindow Window, Mapping16 Map)
    {
        public static Grey16 Create(PixelLayout layout, ReadOnlySpan<byte> frame, VoiWindow? stored, int minimumContrast)
        {
            var shift = 16 - layout.BitsStored;
            var flip = (ushort)(layout.IsSigned ? 0x8000 : 0);
            var slope = Math.Abs(layout.RescaleSlope);
            ushort low = 0, high = ushort.MaxValue;
            VoiWindow window;
            if (stored is { } w)
            {
                window = w;
                if (w.Function == VoiFunction.Linear)
                {
                    // Outside the window the rendering is flat: clamp there so bone or air texture is not counted.
                    var a = ((w.Center - (w.Width / 2) - 1) - layout.RescaleIntercept) / layout.RescaleSlope;
                    var b = ((w.Center + (w.Width / 2) + 1) - layout.RescaleIntercept) / layout.RescaleSlope;
                    (low, high) = (ToMapped(layout, Math.Floor(Math.Min(a, b)), shift, flip), ToMapped(layout, Math.Ceiling(Math.Max(a, b)), shift, flip));
                }
            }
            else
            {
                var (min, max) = TransitionCounter.Range(MemoryMarshal.Cast<byte, ushort>(frame), shift, flip);
                window = layout.SpanningWindow(ToStored(min, layout.IsSigned, shift, flip), ToStored(max, layout.IsSigned, shift, flip));
            }

            // A rendered step of more than C grey levels needs a stored step above (C - 1) x (W - 1) / (255 x |slope|).
            var threshold = Math.Floor((minimumContrast - 1) * Math.Max(0, window.Width - 1) / (255 * slope) * (1 << shift));
            var map = new Mapping16(shift, flip, low, high, (ushort)Math.Clamp(threshold, 0, ushort.MaxValue));
            return new Grey16(layout, window, map);
        }

        public byte Render(ushort raw) =>
            Layout.Display(Window, ToStored((ushort)((ushort)(raw << Map.Shift) ^ Map.Flip), Layout.IsSigned, Map.Shift, Map.Flip));

        private static int ToStored(ushort mapped, bool signed, int shift, ushort flip) =>
            signed ? (short)(mapped ^ flip) >> shift : mapped >> shift;

        private static ushort ToMapped(PixelLayout layout, double stored, int shift, ushort flip)
        {
            var (min, max) = layout.IsSigned ? (-(1 << (layout.BitsStored - 1)), (1 << (layout.BitsStored - 1)) - 1) : (0, (1 << layout.BitsStored) - 1);
            var clamped = (int)Math.Clamp(stored, min, max);
            return (ushort)((ushort)(clamped << shift) ^ flip);
        }
    }
}
