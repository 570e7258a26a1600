using System.Globalization;
using System.Runtime.InteropServices;

namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>
/// One Tesseract instance (TessBaseAPI) with its model loaded. Not thread-safe: <see cref="TextRecognizer"/> lends
/// each to one caller at a time.
/// </summary>
internal sealed class TesseractEngine : IDisposable
{
    // Tesseract's own default for an image without a resolution; its size heuristics were tuned around it, and the
    // tesseract program (the tests' independent reader) reads PNGs without one the same way.
    private const int SourceResolution = 70;

    private static readonly Lazy<bool> OpenMpLimited = new(LimitOpenMp);
    private nint _handle;

    private TesseractEngine(nint handle) => _handle = handle;

    public static TesseractEngine Create(TextRecognizerOptions options)
    {
        _ = OpenMpLimited.Value;
        nint handle;
        try
        {
            handle = TesseractNative.TessBaseAPICreate();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            throw new TextRecognizerException(
                $"{TesseractNative.Library} could not be loaded (Debian package libtesseract5; 'bash .ci/setup.sh' installs it).", e);
        }

        // Its progress and warnings would go to stderr; nothing Tesseract prints is wanted in the bridge's output.
        _ = TesseractNative.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
        if (TesseractNative.TessBaseAPIInit2(handle, options.DataPath, options.Language, TesseractNative.LstmOnly) != 0)
        {
            TesseractNative.TessBaseAPIDelete(handle);
            throw new TextRecognizerException(
                $"Tesseract found no model '{options.Language}' under '{options.DataPath}' (Debian package tesseract-ocr-{options.Language.Split('+')[0]}).");
        }

        return new TesseractEngine(handle);
    }

    /// <summary>The words of <paramref name="image"/> under <paramref name="mode"/>, with boxes in its pixels.</summary>
    public unsafe List<RecognizedWord> Recognize(GrayImage image, PageSegmentation mode)
    {
        ObjectDisposedException.ThrowIf(_handle == 0, this);
        var words = new List<RecognizedWord>();
        try
        {
            TesseractNative.TessBaseAPISetPageSegMode(_handle, (int)mode);
            fixed (byte* pixels = image.Pixels)
            {
                // SetImage copies the pixels into Tesseract's own image, so the pin ends here.
                TesseractNative.TessBaseAPISetImage(_handle, pixels, image.Width, image.Height, 1, image.Width);
            }

            TesseractNative.TessBaseAPISetSourceResolution(_handle, SourceResolution);
            if (TesseractNative.TessBaseAPIRecognize(_handle, 0) != 0)
            {
                throw new TextRecognizerException(string.Create(CultureInfo.InvariantCulture,
                    $"Tesseract failed to recognise a {image.Width}x{image.Height} image."));
            }

            ReadWords(words);
        }
        finally
        {
            TesseractNative.TessBaseAPIClear(_handle);
        }

        return words;
    }

    private void ReadWords(List<RecognizedWord> words)
    {
        var iterator = TesseractNative.TessBaseAPIGetIterator(_handle);
        if (iterator == 0)
        {
            return;
        }

        try
        {
            var page = TesseractNative.TessResultIteratorGetPageIterator(iterator);
            do
            {
                var textPointer = TesseractNative.TessResultIteratorGetUTF8Text(iterator, TesseractNative.WordLevel);
                if (textPointer == 0)
                {
                    continue;
                }

                string text;
                try
                {
                    text = Marshal.PtrToStringUTF8(textPointer) ?? string.Empty;
                }
                finally
                {
                    TesseractNative.TessDeleteText(textPointer);
                }

                if (text.Length > 0
                    && TesseractNative.TessPageIteratorBoundingBox(page, TesseractNative.WordLevel, out var left, out var top, out var right, out var bottom) != 0)
                {
                    var confidence = TesseractNative.TessResultIteratorConfidence(iterator, TesseractNative.WordLevel);
                    words.Add(new RecognizedWord(left, top, right - left, bottom - top, confidence, text));
                }
            }
            while (TesseractNative.TessResultIteratorNext(iterator, TesseractNative.WordLevel) != 0);
        }
        finally
        {
            TesseractNative.TessResultIteratorDelete(iterator);
        }
    }

    public void Dispose()
    {
        if (_handle != 0)
        {
            TesseractNative.TessBaseAPIEnd(_handle);
            TesseractNative.TessBaseAPIDelete(_handle);
            _handle = 0;
        }
    }

    // libtesseract's LSTM runs OpenMP teams, and libgomp reads its limits once, when it loads with libtesseract (after
    // this). The pool already runs one engine per core; teams inside each would oversubscribe the cores and spin. An
    // operator's own setting is kept (overwrite 0).
    private static bool LimitOpenMp() => TesseractNative.SetNativeEnvironment("OMP_THREAD_LIMIT", "1", 0) == 0;
}
