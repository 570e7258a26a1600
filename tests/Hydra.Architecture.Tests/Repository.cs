using System.Reflection;
using System.Xml.Linq;

namespace Hydra.Architecture.Tests;

/// <summary>The repository as files: its projects and what each references, read from the project files.</summary>
internal static class Repository
{
    /// <summary>The top-level folders that hold shipped code (the user's layout); everything under <c>tests/</c> is test code.</summary>
    public static readonly string[] SourceFolders = ["keystore", "client", "dicom-bridge", "certs-dev"];

    public static string Root { get; } = typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    /// <summary>Every project of the repository, by assembly name.</summary>
    public static IReadOnlyDictionary<string, Project> Projects { get; } = Load();

    public static IEnumerable<Project> Source => Projects.Values.Where(p => p.IsSource);

    private static Dictionary<string, Project> Load()
    {
        var files = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var byPath = files.ToDictionary(Path.GetFullPath, f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);
        var projects = new Dictionary<string, Project>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var directory = Path.GetDirectoryName(file)!;
            var references = XDocument.Load(file).Descendants("ProjectReference")
                .Select(r => Path.GetFullPath(Path.Combine(directory, r.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))))
                .Select(path => byPath.TryGetValue(path, out var name) ? name : throw new InvalidDataException($"{file} references {path}, which does not exist."))
                .ToHashSet(StringComparer.Ordinal);
            var relative = Path.GetRelativePath(Root, directory).Replace(Path.DirectorySeparatorChar, '/');
            var name = Path.GetFileNameWithoutExtension(file);
            projects[name] = new Project(name, relative, references);
        }

        return projects;
    }

    /// <summary>Every project <paramref name="name"/> depends on, directly or through others.</summary>
    public static IReadOnlySet<string> Reachable(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(Projects[name].References);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in Projects[next].References)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen;
    }
}

/// <summary>One project: its assembly name, its folder relative to the repository root, and its project references.</summary>
internal sealed record Project(string Name, string Folder, IReadOnlySet<string> References)
{
    /// <summary>The top-level folder it lives in.</summary>
    public string TopFolder => Folder.Split('/')[0];

    public bool IsSource => Repository.SourceFolders.Contains(TopFolder, StringComparer.Ordinal);
}
