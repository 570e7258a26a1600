namespace Hydra.Dicom.Imaging;

/// <summary>An 8-bit image ready to encode: one byte per pixel (grey) or three (R, G, B), rows top to bottom.</summary>
public sealed record RenderedFrame(int Width, int Height, int Channels, byte[] Pixels)
{
    /// <summary>The value of channel <paramref name="channel"/> at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte At(int x, int y, int channel = 0) => Pixels[(((y * Width) + x) * Channels) + channel];
}
