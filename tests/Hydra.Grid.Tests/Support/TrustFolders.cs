using Hydra.CertsDev;
using Hydra.Testing.Pki;

namespace Hydra.Grid.Tests.Support;

/// <summary>A private copy of the dev PKI's trust directory and vomsdir, which a test may change at will.</summary>
internal sealed record TrustFolders(string Trust, string Voms)
{
    public static TrustFolders Copy(DevPkiFixture fixture)
    {
        var scratch = fixture.NewScratchFolder();
        var folders = new TrustFolders(Path.Combine(scratch, "certificates"), Path.Combine(scratch, "vomsdir"));
        CopyDirectory(fixture.Pki.TrustDirectory, folders.Trust);
        CopyDirectory(fixture.Pki.VomsDirectory, folders.Voms);
        return folders;
    }

    /// <summary>The CA's CRL file (<c>&lt;hash&gt;.r0</c>).</summary>
    public string CrlFile(DevPki pki) => Path.Combine(Trust, pki.CaHash + ".r0");

    public TrustSettings Settings(TimeSpan reloadInterval) =>
        new(Trust, Voms, ["node1.hydra-dev.org"]) { ReloadInterval = reloadInterval };

    public static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
