using System.Globalization;
using Hydra.Bridge.Readers;
using Hydra.Dicom.Imaging;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// The query of a rendered resource (PS3.18 8.3.5.1): <c>window=center,width[,linear|sigmoid]</c>,
/// <c>viewport=width,height</c> and <c>quality=1..100</c>. Other rendering parameters are ignored.
/// </summary>
internal sealed record RenderParameters(VoiWindow? Window, int? ViewportWidth, int? ViewportHeight, int? Quality)
{
    /// <summary>Largest viewport side served: a bound on what one request can make the bridge allocate.</summary>
    public const int MaxViewport = 4096;

    /// <summary>The parameters of <paramref name="query"/>, or the 400 naming the one that is malformed.</summary>
    public static (RenderParameters? Parameters, IResult? Refusal) Parse(IQueryCollection query)
    {
        VoiWindow? window = null;
        if (query.TryGetValue("window", out var windowText))
        {
            var parts = windowText.ToString().Split(',');
            if (parts.Length is < 2 or > 3 || !Number(parts[0], out var center) || !Number(parts[1], out var width) || width < 1 ||
                (parts.Length == 3 && parts[2].Trim().ToLowerInvariant() is not ("linear" or "sigmoid")))
            {
                return Bad("window", "center,width[,linear|sigmoid] with width >= 1");
            }

            window = new VoiWindow(center, width, parts.Length == 3 && parts[2].Trim().Equals("sigmoid", StringComparison.OrdinalIgnoreCase) ? VoiFunction.Sigmoid : VoiFunction.Linear);
        }

        int? viewportWidth = null, viewportHeight = null;
        if (query.TryGetValue("viewport", out var viewportText))
        {
            var parts = viewportText.ToString().Split(',');
            if (parts.Length != 2 || !Size(parts[0], out var w) || !Size(parts[1], out var h))
            {
                return Bad("viewport", $"width,height, each 1..{MaxViewport} (source regions are not supported)");
            }

            (viewportWidth, viewportHeight) = (w, h);
        }

        int? quality = null;
        if (query.TryGetValue("quality", out var qualityText))
        {
            if (!int.TryParse(qualityText, NumberStyles.None, CultureInfo.InvariantCulture, out var q) || q is < 1 or > 100)
            {
                return Bad("quality", "an integer 1..100");
            }

            quality = q;
        }

        return (new RenderParameters(window, viewportWidth, viewportHeight, quality), null);
    }

    private static bool Number(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool Size(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value is >= 1 and <= MaxViewport;

    private static (RenderParameters?, IResult?) Bad(string name, string expected) =>
        (null, ReaderEndpoints.Problem(StatusCodes.Status400BadRequest, $"The query parameter '{name}' must be {expected}."));
}
