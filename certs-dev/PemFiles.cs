using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.X509;

namespace Hydra.CertsDev;

/// <summary>Writes PEM files with the modes grid tools insist on: keys 0600, certificates and CRLs 0644.</summary>
internal static class PemFiles
{
    private const UnixFileMode PublicMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode PrivateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string Certificate(X509Certificate certificate) => Block("CERTIFICATE", certificate.GetEncoded());

    public static string Crl(X509Crl crl) => Block("X509 CRL", crl.GetEncoded());

    public static void WritePublic(string path, string content) => Write(path, content, PublicMode);

    public static void WritePrivate(string path, string content) => Write(path, content, PrivateMode);

    /// <summary>Replaces <paramref name="path"/> in one rename, so a reader never sees half a file.</summary>
    public static void ReplacePublic(string path, string content)
    {
        var temporary = path + ".new";
        Write(temporary, content, PublicMode);
        File.Move(temporary, path, overwrite: true);
    }

    private static string Block(string label, byte[] der) => PemEncoding.WriteString(label, der) + "\n";

    private static void Write(string path, string content, UnixFileMode mode)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(path, options))
        {
            stream.Write(Encoding.ASCII.GetBytes(content));
        }

        if (!OperatingSystem.IsWindows())
        {
            // The umask may have narrowed the create mode; set it exactly.
            File.SetUnixFileMode(path, mode);
        }
    }
}
