using System.Text.RegularExpressions;

namespace Hydra.Architecture.Tests;

/// <summary>
/// What README.md says about the assemblies: the layout table (assembly and folder) and the dependency graph, a fenced
/// <c>dependencies</c> block of lines <c>Assembly -&gt; Reference, Reference</c> (an assembly with none stands alone).
/// </summary>
internal static partial class ReadmeGraph
{
    private static readonly string Text = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));

    /// <summary>Each assembly's direct references, as the graph draws them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Arrows { get; } = ParseArrows();

    /// <summary>Each assembly's folder, as the layout table gives it.</summary>
    public static IReadOnlyDictionary<string, string> Folders { get; } = ParseFolders();

    private static Dictionary<string, IReadOnlySet<string>> ParseArrows()
    {
        var block = Block().Match(Text);
        if (!block.Success)
        {
            throw new InvalidDataException("README.md has no ```dependencies block.");
        }

        var arrows = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var line in block.Groups["body"].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split("->", StringSplitOptions.TrimEntries);
            var references = parts.Length > 1
                ? parts[1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal)
                : [];
            if (!arrows.TryAdd(parts[0], references))
            {
                throw new InvalidDataException($"README.md's graph names {parts[0]} twice.");
            }
        }

        return arrows;
    }

    private static Dictionary<string, string> ParseFolders() =>
        Row().Matches(Text).ToDictionary(m => m.Groups["assembly"].Value, m => m.Groups["folder"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"```dependencies\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>A layout table row: <c>| `Hydra.Grid` | [`keystore/Hydra.Grid`](...) | ... |</c>.</summary>
    [GeneratedRegex(@"^\| `(?<assembly>Hydra[\w.]*)` \| \[`(?<folder>[\w./-]+)`\]", RegexOptions.Multiline)]
    private static partial Regex Row();
}
