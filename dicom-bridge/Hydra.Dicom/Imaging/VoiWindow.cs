namespace Hydra.Dicom.Imaging;

/// <summary>The VOI LUT function of a window (PS3.3 C.11.2.1.3).</summary>
public enum VoiFunction
{
    /// <summary>PS3.3 C.11.2.1.2.1, the default.</summary>
    Linear,

    /// <summary>PS3.3 C.11.2.1.3.1.</summary>
    Sigmoid,
}

/// <summary>A window centre and width over modality values (after rescale), mapped to 0..255.</summary>
public readonly record struct VoiWindow(double Center, double Width, VoiFunction Function = VoiFunction.Linear)
{
    /// <summary>The output (0 black .. 255 white) for modality value <paramref name="x"/>.</summary>
    public byte Apply(double x)
    {
        double y;
        if (Function == VoiFunction.Sigmoid)
        {
            y = 255 / (1 + Math.Exp(-4 * (x - Center) / Width));
        }
        else if (Width <= 1)
        {
            // Width 1 is a threshold (C.11.2.1.2.1 requires width >= 1; the formula divides by width - 1).
            y = x < Center - 0.5 ? 0 : 255;
        }
        else if (x <= Center - 0.5 - ((Width - 1) / 2))
        {
            y = 0;
        }
        else if (x > Center - 0.5 + ((Width - 1) / 2))
        {
            y = 255;
        }
        else
        {
            y = (((x - (Center - 0.5)) / (Width - 1)) + 0.5) * 255;
        }

        return (byte)Math.Clamp(Math.Round(y), 0, 255);
    }

    /// <summary>The window that spans <paramref name="min"/>..<paramref name="max"/> (the full range of an image).</summary>
    public static VoiWindow Spanning(double min, double max) =>
        new((min + max + 1) / 2, Math.Max(1, max - min + 1));
}
