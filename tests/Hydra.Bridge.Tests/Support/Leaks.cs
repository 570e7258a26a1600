using System.Text;
using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.Support;

/// <summary>Searches stored bytes for the sample study's identifying marker, in the encodings DICOM text may take.</summary>
public static class Leaks
{
    private static readonly byte[][] Needles =
    [
        Encoding.ASCII.GetBytes(SampleStudy.Marker),
        Encoding.Unicode.GetBytes(SampleStudy.Marker),
    ];

    /// <summary>The files among <paramref name="paths"/> that contain the marker.</summary>
    public static IReadOnlyList<string> FilesContainingMarker(IEnumerable<string> paths) =>
        [.. paths.Where(path => Contains(ReadShared(path)))];

    /// <summary>Reads a file another process (LiteDB) holds open.</summary>
    public static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public static bool Contains(ReadOnlySpan<byte> data)
    {
        foreach (var needle in Needles)
        {
            if (data.IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
