using Hydra.Storage.Files;

namespace Hydra.Storage;

/// <summary>
/// The start-up check of a service's data folder, after PostgreSQL's ("data directory has invalid permissions"): the
/// folder and everything directly in it must be closed to group and others, or the service refuses to start and says
/// which <c>chmod</c> fixes it. Only that folder is checked, not its parents (a temp folder's parent is 0777, and nobody
/// else can enter a 0700 folder in it anyway), nor deeper folders (closed to others by this one). A folder that does not
/// exist yet passes: the service creates it 0700 (<see cref="OwnerOnly.CreateFolder"/>).
/// </summary>
public static class DataFolder
{
    /// <summary>
    /// Adds a message to <paramref name="failures"/> for <paramref name="folder"/> and for each entry in it that group or
    /// others may use, each starting with <paramref name="setting"/> (the setting that names the folder). Does nothing
    /// on Windows, which has no modes.
    /// </summary>
    public static void Check(string setting, string folder, List<string> failures)
    {
        ArgumentException.ThrowIfNullOrEmpty(setting);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        ArgumentNullException.ThrowIfNull(failures);
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows() || !Directory.Exists(full))
        {
            return;
        }

        CheckOne(setting, "data folder", full, isFolder: true, failures);
        try
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(full))
            {
                var isFolder = Directory.Exists(entry);
                CheckOne(setting, isFolder ? "folder" : "data file", entry, isFolder, failures);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            failures.Add($"{setting}: data folder '{full}' cannot be listed ({ex.Message}); it must belong to the user the service runs as.");
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CheckOne(string setting, string what, string path, bool isFolder, List<string> failures)
    {
        UnixFileMode mode;
        try
        {
            mode = File.GetUnixFileMode(path);
        }
        catch (FileNotFoundException)
        {
            return; // removed since it was listed, or a link to nothing: nobody can read it through this name
        }

        if ((mode & OwnerOnly.GroupOrOthers) != 0)
        {
            var wanted = isFolder ? "700" : "600";
            failures.Add(
                $"{setting}: {what} '{path}' has mode {OwnerOnly.Octal(mode)}, open to group or others; it must be 0{wanted}: run chmod {wanted} '{path}'.");
        }
    }
}
