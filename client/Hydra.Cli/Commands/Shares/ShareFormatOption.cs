using System.CommandLine;
using Hydra.Client.Sharing;

namespace Hydra.Cli.Commands.Shares;

/// <summary>The --format option: base64 (default, as Vault prints unseal keys) or hex.</summary>
internal static class ShareFormatOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--format")
        {
            Description = "Text encoding of the printed shares.",
            DefaultValueFactory = _ => "base64",
        };
        option.AcceptOnlyFromAmong("base64", "hex");
        return option;
    }

    public static ShareTextEncoding Parse(string? text) => text == "hex" ? ShareTextEncoding.Hex : ShareTextEncoding.Base64;

    public static string Name(ShareTextEncoding encoding) => encoding == ShareTextEncoding.Hex ? "hex" : "base64";
}
