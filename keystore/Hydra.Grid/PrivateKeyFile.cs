namespace Hydra.Grid;

/// <summary>
/// The rule for files that hold a private key (host keys, user keys, proxies), as OpenSSH ("UNPROTECTED PRIVATE KEY
/// FILE") and the Globus tools apply it: any permission for group or others refuses the file, with the fix named.
/// </summary>
public static class PrivateKeyFile
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Why the existing file <paramref name="path"/> may not hold a private key (a sentence starting in lower case, to
    /// follow a setting's name or "The"), or null when only its owner may use it. Always null on Windows, which has no modes.
    /// </summary>
    public static string? Problem(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) == 0)
        {
            return null;
        }

        var octal = "0" + Convert.ToString((int)mode & 0x1FF, 8).PadLeft(3, '0');
        return $"private key file '{path}' has mode {octal}, open to group or others; it must be 0600 or 0400: run chmod 600 '{path}'.";
    }
}
