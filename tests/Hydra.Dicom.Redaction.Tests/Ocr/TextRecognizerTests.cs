using System.Globalization;
using Hydra.Dicom.Redaction.Ocr;
using Hydra.Testing;

namespace Hydra.Dicom.Redaction.Tests.Ocr;

/// <summary>The Tesseract binding against Debian's libtesseract5 and eng model, on text PIL renders.</summary>
public sealed class TextRecognizerTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly TextRecognizer _recognizer = new(new TextRecognizerOptions { Engines = 2 });

    [Fact]
    public async Task RenderedLine_IsReadWithItsBox()
    {
        // Arrange
        var (image, box) = await RenderAsync(512, 512, 20, 235, 28, 40, 200, "HYDRA 4711 DOE");

        // Act
        var words = _recognizer.Recognize(image, PageSegmentation.SparseText, CancellationToken.None);

        // Assert
        Assert.Equal(["HYDRA", "4711", "DOE"], words.Select(w => w.Text));
        Assert.All(words, w => Assert.InRange(w.Confidence, 50, 100));
        Assert.All(words, w => Assert.True(
            w.X >= box.Left - 2 && w.Y >= box.Top - 2 && w.X + w.Width <= box.Right + 2 && w.Y + w.Height <= box.Bottom + 2,
            $"word box {w.X},{w.Y} {w.Width}x{w.Height} outside the drawn {box}"));
    }

    [Fact]
    public async Task DarkTextOnLight_IsRead()
    {
        var (image, _) = await RenderAsync(320, 120, 240, 10, 24, 10, 40, "ST JUDE 2024");

        var words = _recognizer.Recognize(image, PageSegmentation.SingleBlock, CancellationToken.None);

        Assert.Equal("ST JUDE 2024", string.Join(' ', words.Select(w => w.Text)));
    }

    [Fact]
    public void BlankImage_HasNoWords()
    {
        var image = new GrayImage(256, 256, Enumerable.Repeat((byte)90, 256 * 256).ToArray());

        Assert.Empty(_recognizer.Recognize(image, PageSegmentation.SparseText, CancellationToken.None));
    }

    [Fact]
    public async Task ParallelCallers_GetWhatOneCallerGets()
    {
        var (first, _) = await RenderAsync(400, 100, 0, 255, 30, 10, 30, "ALPHA 123");
        var (second, _) = await RenderAsync(400, 100, 255, 0, 30, 10, 30, "BRAVO 456");
        var expected = new[] { first, second }
            .Select(image => string.Join(' ', _recognizer.Recognize(image, PageSegmentation.SingleBlock, CancellationToken.None).Select(w => w.Text)))
            .ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            string.Join(' ', _recognizer.Recognize(i % 2 == 0 ? first : second, PageSegmentation.SingleBlock, CancellationToken.None).Select(w => w.Text))))).DefaultTimeout();

        Assert.Equal(["ALPHA 123", "BRAVO 456"], expected);
        Assert.All(results.Select((text, i) => (text, i)), r => Assert.Equal(expected[r.i % 2], r.text));
    }

    [Fact]
    public void MissingModel_FailsNamingThePackage()
    {
        var error = Assert.Throws<TextRecognizerException>(() => new TextRecognizer(new TextRecognizerOptions { DataPath = _folder.Path, Language = "eng" }));

        Assert.Contains("tesseract-ocr-eng", error.Message, StringComparison.Ordinal);
        Assert.Contains(_folder.Path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "eng", 1, "DataPath")]
    [InlineData("/x", "eng;rm", 1, "Language")]
    [InlineData("/x", "eng", 0, "Engines")]
    public void BadOptions_AreNamed(string dataPath, string language, int engines, string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => new TextRecognizerOptions { DataPath = dataPath, Language = language, Engines = engines }.Validate());

        Assert.Equal(setting, error.ParamName);
    }

    [Fact]
    public void Cancelled_WhileWaitingForAnEngine_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.Throws<OperationCanceledException>(() => _recognizer.Recognize(new GrayImage(8, 8, new byte[64]), PageSegmentation.Auto, cancelled.Token));
    }

    public void Dispose()
    {
        _recognizer.Dispose();
        _folder.Dispose();
    }

    private async Task<(GrayImage Image, (int Left, int Top, int Right, int Bottom) Box)> RenderAsync(
        int width, int height, int background, int foreground, int size, int x, int y, string text)
    {
        var path = _folder.Combine(Guid.NewGuid().ToString("N") + ".raw");
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "Ocr", "render_text.py"), path, .. new[] { width, height, background, foreground, size, x, y }.Select(v => v.ToString(CultureInfo.InvariantCulture)), text];
        var result = await ProcessRunner.RunAsync("/usr/bin/python3", arguments).DefaultTimeout();
        Assert.True(result.ExitCode == 0, "PIL could not render (Debian python3-pil): " + result.StandardError);
        var box = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        return (new GrayImage(width, height, await File.ReadAllBytesAsync(path)), (box[0], box[1], box[2], box[3]));
    }
}
