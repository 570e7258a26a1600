using System.CommandLine;
using Hydra.Keystore.Contract;

namespace Hydra.Cli.Connection;

/// <summary>The key id argument of key, acl and file commands, validated at parse time.</summary>
internal static class KeyIdArgument
{
    public static Argument<string> Create(string description = "The key id.")
    {
        var argument = new Argument<string>("key-id") { Description = description };
        argument.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!KeyId.TryParse(value, out _))
            {
                result.AddError($"'{value}' is not a key id (1-{KeyId.MaxLength} characters of letters, digits, '.', '_', ':' or '-').");
            }
        });
        return argument;
    }

    public static KeyId Value(ParseResult parseResult, Argument<string> argument) => KeyId.Parse(parseResult.GetValue(argument)!);
}
