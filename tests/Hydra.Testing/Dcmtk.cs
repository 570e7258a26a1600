namespace Hydra.Testing;

/// <summary>The dcmtk peers (Debian package dcmtk), run with TCP_NODELAY=1 by <see cref="ProcessRunner"/>.</summary>
public static class Dcmtk
{
    public static Task<ProcessResult> RunAsync(string tool, params IEnumerable<string> arguments) =>
        ProcessRunner.RunAsync(Peers.Require(tool, "dcmtk"), arguments, timeout: TimeSpan.FromMinutes(2));

    /// <summary>The pydicom test corpus folder (Debian python3-pydicom).</summary>
    public static string CorpusFolder
    {
        get
        {
            var folder = "/usr/lib/python3/dist-packages/pydicom/data/test_files";
            if (!Directory.Exists(folder))
            {
                throw new PeerMissingException("The pydicom corpus (Debian package 'python3-pydicom') is not installed. Run 'bash .ci/setup.sh' first.");
            }

            return folder;
        }
    }

    public static string Corpus(string name) => Path.Combine(CorpusFolder, name);
}
