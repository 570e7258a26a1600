using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Hydra.Storage.Files;

/// <summary>
/// Creates a file written with O_DIRECT: the data goes from the caller's (aligned, resident) memory to the device
/// without being copied into the page cache. For write-once files such as encrypted objects that copy is pure cost:
/// measured on this kind of 2-core VM it was a fifth of the bridge's CPU time per image, and the pages it fills only
/// push more useful ones out of the cache.
/// </summary>
internal static partial class UncachedFile
{
    private const int WriteOnly = 0x1;
    private const int Create = 0x40;
    private const int Exclusive = 0x80;
    private const int CloseOnExec = 0x80000;
    private const int InvalidArgument = 22;
    private const int OwnerReadWrite = 0x180; // 0600, set exactly below in case the umask narrowed it

    /// <summary>
    /// Creates <paramref name="path"/> (which must not exist) and writes <paramref name="content"/> to it uncached, then
    /// fsyncs it; false, with nothing left behind, where the platform or file system cannot bypass the cache (some
    /// refuse O_DIRECT with EINVAL, possibly after creating the file).
    /// </summary>
    public static bool TryWriteDurably(string path, AlignedMemoryStream content)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } direct)
        {
            return false;
        }

        var descriptor = Open(path, WriteOnly | Create | Exclusive | CloseOnExec | direct, OwnerReadWrite);
        if (descriptor < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            if (error != InvalidArgument)
            {
                throw new IOException($"Could not create '{path}' (errno {error}).");
            }

            // O_EXCL made any file there ours.
            File.Delete(path);
            return false;
        }

        using var handle = new SafeFileHandle(descriptor, ownsHandle: true);
        File.SetUnixFileMode(handle, OwnerOnly.FilePermissions);
        using var file = new FileStream(handle, FileAccess.Write, bufferSize: 0);
        // O_DIRECT writes whole aligned blocks; the padding past the real end is cut off again before the fsync.
        file.Write(content.Padded());
        file.SetLength(content.Length);
        file.Flush(flushToDisk: true);
        return true;
    }

    /// <summary>O_DIRECT's value on this Linux architecture, or null where it is not known.</summary>
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => 0x4000,
        Architecture.Arm64 => 0x10000,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags, int mode);
}
