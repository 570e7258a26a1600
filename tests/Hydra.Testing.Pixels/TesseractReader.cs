using System.Globalization;
using System.Text;
using Hydra.Dicom;
using Hydra.Dicom.Imaging;

namespace Hydra.Testing.Pixels;

/// <summary>
/// The independent reader: the tesseract program (Debian tesseract-ocr, --psm 11, Sauvola thresholding: its default
/// global Otsu loses small text over anatomy) on every frame of a file as
/// Hydra.Dicom's <see cref="FrameRenderer"/> draws it at the stored window: grey frames as they are, colour frames as
/// luminance and as chroma (max - min of R, G, B, so text of its background's luminance shows), each in both polarities,
/// at x1 and x2. It shares no code with the cleaner's scanner, so a test that it finds nothing is a real check.
/// </summary>
public static class TesseractReader
{
    private static readonly SemaphoreSlim Runs = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>All text the reader finds in any frame of the DICOM file at <paramref name="path"/>, runs joined by new lines.</summary>
    public static async Task<string> ReadAsync(string path)
    {
        var tesseract = Peers.Require("tesseract", "tesseract-ocr");
        var file = DicomFile.Open(path);
        var frames = PixelFrames.Of(file);
        var window = FrameRenderer.DatasetWindow(file.Dataset);
        using var scratch = new TempDirectory("reader");
        var reads = new List<Task<string>>();
        for (var n = 1; n <= frames.Count; n++)
        {
            foreach (var plane in Planes(frames, n, window))
            {
                foreach (var scale in new[] { 1, 2 })
                {
                    var scaled = scale == 1 ? plane : FrameScaler.Fit(plane, plane.Width * scale, plane.Height * scale);
                    foreach (var invert in new[] { false, true })
                    {
                        var image = scratch.Combine(string.Create(CultureInfo.InvariantCulture, $"f{n}-{reads.Count}.pgm"));
                        await WritePgmAsync(image, scaled, invert).ConfigureAwait(false);
                        reads.Add(RunAsync(tesseract, image));
                    }
                }
            }
        }

        return string.Join('\n', await Task.WhenAll(reads).ConfigureAwait(false));
    }

    /// <summary>
    /// True when <paramref name="drawn"/> shows in <paramref name="text"/>: any of its tokens (split at anything not a
    /// letter or digit) of 4 or more characters appears, case-insensitive, spaces ignored.
    /// </summary>
    public static bool Leaks(string drawn, string text)
    {
        ArgumentNullException.ThrowIfNull(drawn);
        ArgumentNullException.ThrowIfNull(text);
        var haystack = new string(text.Where(c => !char.IsWhiteSpace(c)).ToArray()).ToUpperInvariant();
        return Tokens(drawn).Any(token => haystack.Contains(token, StringComparison.Ordinal));
    }

    /// <summary>The strings of <paramref name="drawn"/> that leak into <paramref name="text"/>.</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> drawn, string text) => drawn.Where(s => Leaks(s, text)).ToList();

    private static IEnumerable<string> Tokens(string drawn)
    {
        var token = new StringBuilder();
        foreach (var c in drawn.ToUpperInvariant().Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                token.Append(c);
                continue;
            }

            if (token.Length >= 4)
            {
                yield return token.ToString();
            }

            token.Clear();
        }
    }

    // Grey frames as rendered; colour frames as luminance and chroma; YBR_FULL as its Y.
    private static IEnumerable<RenderedFrame> Planes(PixelFrames frames, int number, VoiWindow? window)
    {
        var layout = frames.Layout;
        if (layout.Photometric == "YBR_FULL")
        {
            var ybr = frames.Frame(number).Span;
            var count = layout.Rows * layout.Columns;
            var y = new byte[count];
            for (var i = 0; i < count; i++)
            {
                y[i] = layout.PlanarConfiguration == 0 ? ybr[3 * i] : ybr[i];
            }

            yield return new RenderedFrame(layout.Columns, layout.Rows, 1, y);
            yield break;
        }

        var frame = FrameRenderer.Render(frames, number, window);
        if (frame.Channels == 1)
        {
            yield return frame;
            yield break;
        }

        var pixels = frame.Width * frame.Height;
        var luma = new byte[pixels];
        var chroma = new byte[pixels];
        for (var i = 0; i < pixels; i++)
        {
            var (r, g, b) = (frame.Pixels[3 * i], frame.Pixels[(3 * i) + 1], frame.Pixels[(3 * i) + 2]);
            luma[i] = (byte)(((299 * r) + (587 * g) + (114 * b)) / 1000);
            chroma[i] = (byte)(Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)));
        }

        yield return new RenderedFrame(frame.Width, frame.Height, 1, luma);
        yield return new RenderedFrame(frame.Width, frame.Height, 1, chroma);
    }

    private static async Task WritePgmAsync(string path, RenderedFrame plane, bool invert)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"P5\n{plane.Width} {plane.Height}\n255\n"));
        var body = invert ? plane.Pixels.Select(p => (byte)(255 - p)).ToArray() : plane.Pixels;
        await using var output = File.Create(path);
        await output.WriteAsync(header).ConfigureAwait(false);
        await output.WriteAsync(body).ConfigureAwait(false);
    }

    private static async Task<string> RunAsync(string tesseract, string image)
    {
        await Runs.WaitAsync().ConfigureAwait(false);
        try
        {
            var result = await ProcessRunner.RunAsync(tesseract, [image, "-", "--psm", "11", "-c", "thresholding_method=2"],
                environment: new Dictionary<string, string> { ["OMP_THREAD_LIMIT"] = "1" }).ConfigureAwait(false);
            return result.ExitCode == 0
                ? result.StandardOutput
                : throw new InvalidOperationException($"tesseract failed ({result.ExitCode}): {result.StandardError}");
        }
        finally
        {
            Runs.Release();
        }
    }
}
