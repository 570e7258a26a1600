namespace Hydra.Benchmarks;

/// <summary>Pixel data for the benches' synthetic CT images.</summary>
public static class BenchPixels
{
    /// <summary>
    /// <paramref name="count"/> 16-bit little-endian pixels: a CT-like ramp with a fixed-seed noise term, deterministic
    /// and not trivially compressible.
    /// </summary>
    public static byte[] CtRamp(int count)
    {
        var random = new Random(512);
        var bytes = new byte[count * 2];
        for (var i = 0; i < count; i++)
        {
            var value = (ushort)(((i % 512) * 4) + random.Next(64));
            bytes[2 * i] = (byte)value;
            bytes[(2 * i) + 1] = (byte)(value >> 8);
        }

        return bytes;
    }
}
