using System.CommandLine;
using Hydra.Keystore.Contract;

namespace Hydra.Cli.Connection;

/// <summary>
/// The storage folder of <c>hydra put/get/rm</c>: encrypted files are kept there as <c>KEY-ID.hydra</c> (ciphertext
/// only; useless without the cluster). Default: <c>$HYDRA_STORE</c>, else <c>./hydra-store</c>.
/// </summary>
internal static class StoreOption
{
    public const string Variable = "HYDRA_STORE";
    public const string Extension = ".hydra";

    public static Option<DirectoryInfo?> Create() => new("--store")
    {
        Description = $"Storage folder for encrypted files (default: ${Variable}, else ./hydra-store).",
    };

    public static string Folder(ParseResult parseResult, Option<DirectoryInfo?> option) =>
        parseResult.GetValue(option)?.FullName
        ?? Environment.GetEnvironmentVariable(Variable)
        ?? Path.GetFullPath("hydra-store");

    public static string PathOf(string folder, KeyId keyId) =>
        Path.Combine(folder, keyId.Value.Replace(':', '_') + Extension);
}
