namespace Hydra.Storage.Files;

/// <summary>
/// Files and folders only their owner may use: files 0600, folders 0700, whatever the umask. What Hydra keeps and writes
/// (shares, the catalog, encrypted and decrypted images) is no other local user's business, and the usual umask (022)
/// would leave it readable by all. The mode is passed at creation, so the file is never open to others, then set
/// exactly, since a umask with owner bits would narrow it. Windows has no modes: there these only create.
/// </summary>
public static class OwnerOnly
{
    /// <summary>0600: read and write for the owner alone.</summary>
    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>0700: the owner alone may list, enter and change the folder.</summary>
    public const UnixFileMode FolderPermissions = FilePermissions | UnixFileMode.UserExecute;

    /// <summary>Every bit that lets someone other than the owner in.</summary>
    public const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Opens <paramref name="path"/> like <see cref="FileStream"/>'s constructor; a file this call creates, or whose
    /// contents it replaces (<see cref="System.IO.FileMode.Create"/>, <see cref="System.IO.FileMode.Truncate"/>), ends up 0600.
    /// An existing file opened to be read or extended keeps its mode.
    /// </summary>
    public static FileStream Open(
        string path, FileMode mode, FileAccess access, FileShare share = FileShare.None, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        var replaces = mode switch
        {
            FileMode.Create or FileMode.CreateNew or FileMode.Truncate => true,
            FileMode.OpenOrCreate or FileMode.Append => !File.Exists(path),
            _ => false,
        };
        var streamOptions = new FileStreamOptions { Mode = mode, Access = access, Share = share, BufferSize = bufferSize, Options = options };
        if (OperatingSystem.IsWindows())
        {
            return new FileStream(path, streamOptions);
        }

        if (mode != FileMode.Open && mode != FileMode.Truncate)
        {
            streamOptions.UnixCreateMode = FilePermissions;
        }

        var stream = new FileStream(path, streamOptions);
        if (replaces)
        {
            try
            {
                File.SetUnixFileMode(stream.SafeFileHandle, FilePermissions);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        return stream;
    }

    /// <summary>
    /// A scratch file at <paramref name="path"/> that only this process can reach and nothing outlives: created 0600 and,
    /// on Unix, unlinked at once (the open stream keeps working), so not even a crash leaves it behind; on Windows deleted
    /// when closed. A file already at that name (one a crash left between the two calls) is replaced.
    /// </summary>
    public static FileStream OpenScratch(string path)
    {
        var stream = Open(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 4096,
            OperatingSystem.IsWindows() ? FileOptions.DeleteOnClose : FileOptions.None);
        if (!OperatingSystem.IsWindows())
        {
            File.Delete(path);
        }

        return stream;
    }

    /// <summary>
    /// Creates <paramref name="path"/> and every missing folder above it, each 0700; folders that exist keep their mode.
    /// Returns the folders it created, outermost first (callers that need the new names durable fsync their parents).
    /// </summary>
    public static IReadOnlyList<string> CreateFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var missing = new Stack<string>();
        for (var folder = Path.GetFullPath(path); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        var created = new List<string>(missing.Count);
        foreach (var folder in missing)
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, FolderPermissions);
                File.SetUnixFileMode(folder, FolderPermissions);
            }

            created.Add(folder);
        }

        return created;
    }

    /// <summary>A mode as <c>chmod</c> and <c>ls</c> users read it, e.g. <c>0644</c>.</summary>
    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
}
