using System.Collections.Concurrent;

namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>
/// Tesseract OCR through its C API, for many callers at once: a pool of engines, each with the model loaded once
/// (loading costs ~0.1 s, which is why the tesseract program, which loads it per run, is not used).
/// </summary>
public sealed class TextRecognizer : IDisposable
{
    private readonly TextRecognizerOptions _options;
    private readonly ConcurrentBag<TesseractEngine> _idle = [];
    // Never disposed: callers may still be releasing it during Dispose, and without its wait handle it holds nothing.
    private readonly SemaphoreSlim _slots;
    private volatile bool _disposed;

    /// <summary>Loads the first engine at once, so a missing library or model fails here, naming the package.</summary>
    public TextRecognizer(TextRecognizerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = new TextRecognizerOptions { DataPath = options.DataPath, Language = options.Language, Engines = options.Engines };
        _idle.Add(TesseractEngine.Create(_options));
        _slots = new SemaphoreSlim(_options.Engines, _options.Engines);
    }

    /// <summary>
    /// The words Tesseract finds in <paramref name="image"/> under <paramref name="mode"/>; waits for a free engine.
    /// The words' text must never be logged or stored (see <see cref="RecognizedWord"/>).
    /// </summary>
    public IReadOnlyList<RecognizedWord> Recognize(GrayImage image, PageSegmentation mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(_disposed, this);
        _slots.Wait(cancellationToken);
        TesseractEngine? engine = null;
        try
        {
            if (!_idle.TryTake(out engine))
            {
                engine = TesseractEngine.Create(_options);
            }

            return engine.Recognize(image, mode);
        }
        finally
        {
            if (engine is not null)
            {
                ReturnOrDispose(engine);
            }

            _slots.Release();
        }
    }

    // An engine that was reading while the recognizer was disposed is disposed when it comes back.
    private void ReturnOrDispose(TesseractEngine engine)
    {
        if (_disposed)
        {
            engine.Dispose();
            return;
        }

        _idle.Add(engine);
        if (_disposed && _idle.TryTake(out var late))
        {
            late.Dispose();
        }
    }

    /// <summary>Unloads the idle engines; engines still reading are unloaded when they finish.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }
}
