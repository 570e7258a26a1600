using System.CommandLine;
using Hydra.Sharing;

namespace Hydra.Cli.Commands.Shares;

/// <summary>The --format option: base64 (the default for shares, as Vault prints unseal keys) or hex (the default for keys).</summary>
internal static class ShareFormatOption
{
    public static Option<string> Create(string defaultFormat = "base64", string description = "Text encoding of the printed shares.")
    {
        var option = new Option<string>("--format")
        {
            Description = description,
            DefaultValueFactory = _ => defaultFormat,
        };
        option.AcceptOnlyFromAmong("base64", "hex");
        return option;
    }

    public static ShareTextEncoding Parse(string? text) => text == "hex" ? ShareTextEncoding.Hex : ShareTextEncoding.Base64;

    public static string Name(ShareTextEncoding encoding) => encoding == ShareTextEncoding.Hex ? "hex" : "base64";
}
