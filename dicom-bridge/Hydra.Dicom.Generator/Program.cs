namespace Hydra.Dicom.Generator;

/// <summary>
/// Entry point: <c>generator &lt;table&gt; &lt;input.json&gt; &lt;output-folder&gt;</c>. Each table of the standard has its own
/// emitter; add one to <see cref="Emitters"/> to generate another table.
/// </summary>
public static class Program
{
    private static readonly IReadOnlyDictionary<string, ITableEmitter> Emitters =
        new Dictionary<string, ITableEmitter>(StringComparer.Ordinal)
        {
            ["dictionary"] = new AttributeDictionaryEmitter(),
            ["confidentiality-profile"] = new ConfidentialityProfileEmitter(),
        };

    public static int Main(string[] args)
    {
        if (args.Length != 3 || !Emitters.TryGetValue(args[0], out var emitter))
        {
            Console.Error.WriteLine("usage: Hydra.Dicom.Generator <table> <input.json> <output-folder>");
            Console.Error.WriteLine($"tables: {string.Join(", ", Emitters.Keys)}");
            return 2;
        }

        var input = Path.GetFullPath(args[1]);
        var output = Path.GetFullPath(args[2]);
        if (!File.Exists(input))
        {
            Console.Error.WriteLine($"input file not found: {input}");
            return 2;
        }

        Directory.CreateDirectory(output);
        var command = $"dotnet run --project dicom-bridge/Hydra.Dicom.Generator -- {args[0]} {args[1]} {ToRepositoryPath(output)}";
        foreach (var file in emitter.Emit(input, command))
        {
            var path = Path.Combine(output, file.Name);
            File.WriteAllText(path, file.Content.ReplaceLineEndings("\n"));
            Console.WriteLine($"wrote {path}");
        }

        return 0;
    }

    // The header shows the output folder relative to the repository so it reads the same on every machine.
    private static string ToRepositoryPath(string output)
    {
        var marker = $"{Path.DirectorySeparatorChar}dicom-bridge{Path.DirectorySeparatorChar}";
        var index = output.LastIndexOf(marker, StringComparison.Ordinal);
        return index < 0 ? output : output[(index + 1)..].Replace(Path.DirectorySeparatorChar, '/');
    }
}
