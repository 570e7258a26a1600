using System.Runtime.InteropServices;

namespace Hydra.Dicom.Redaction.Ocr;

/// <summary>
/// The part of Tesseract's C API (tesseract/capi.h, 5.x) this assembly calls, from Debian's libtesseract5. Handles are
/// opaque pointers owned by <see cref="TesseractEngine"/>; BOOL is a C int.
/// </summary>
internal static partial class TesseractNative
{
    public const string Library = "libtesseract.so.5";

    /// <summary>OEM_LSTM_ONLY: the neural recogniser the eng model ships for (the legacy one is not in tesseract-ocr-eng).</summary>
    public const int LstmOnly = 1;

    /// <summary>RIL_WORD of TessPageIteratorLevel.</summary>
    public const int WordLevel = 3;

    [LibraryImport(Library)]
    public static partial nint TessBaseAPICreate();

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPIInit2(nint handle, string dataPath, string language, int engineMode);

    [LibraryImport(Library, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int TessBaseAPISetVariable(nint handle, string name, string value);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetPageSegMode(nint handle, int mode);

    [LibraryImport(Library)]
    public static unsafe partial void TessBaseAPISetImage(nint handle, byte* imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Library)]
    public static partial void TessBaseAPISetSourceResolution(nint handle, int ppi);

    [LibraryImport(Library)]
    public static partial int TessBaseAPIRecognize(nint handle, nint monitor);

    [LibraryImport(Library)]
    public static partial nint TessBaseAPIGetIterator(nint handle);

    [LibraryImport(Library)]
    public static partial nint TessResultIteratorGetPageIterator(nint iterator);

    [LibraryImport(Library)]
    public static partial int TessPageIteratorBoundingBox(nint pageIterator, int level, out int left, out int top, out int right, out int bottom);

    [LibraryImport(Library)]
    public static partial nint TessResultIteratorGetUTF8Text(nint iterator, int level);

    [LibraryImport(Library)]
    public static partial float TessResultIteratorConfidence(nint iterator, int level);

    [LibraryImport(Library)]
    public static partial int TessResultIteratorNext(nint iterator, int level);

    [LibraryImport(Library)]
    public static partial void TessResultIteratorDelete(nint iterator);

    [LibraryImport(Library)]
    public static partial void TessDeleteText(nint text);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIClear(nint handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIEnd(nint handle);

    [LibraryImport(Library)]
    public static partial void TessBaseAPIDelete(nint handle);

    /// <summary>libc's setenv: .NET's Environment.SetEnvironmentVariable does not reach the native environment on Unix.</summary>
    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SetNativeEnvironment(string name, string value, int overwrite);
}
