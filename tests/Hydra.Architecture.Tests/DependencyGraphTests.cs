using System.Xml.Linq;

namespace Hydra.Architecture.Tests;

/// <summary>
/// The assemblies' seams, checked on the project files: README.md's graph is exact, and the rules no graph may break
/// hold (the servers never need the client library; nothing server-side lives under <c>client/</c>).
/// </summary>
public sealed class DependencyGraphTests
{
    /// <summary>What the keystore node, the bridge and the dev PKI must never reach, directly or not.</summary>
    private static readonly string[] ClientOnly = ["Hydra.Client", "Hydra.Cli"];

    [Fact]
    public void ReadmeGraph_NamesEverySourceAssembly_WithExactlyItsReferences()
    {
        var drawn = ReadmeGraph.Arrows;

        Assert.Equal(Repository.Source.Select(p => p.Name).Order(), drawn.Keys.Order());
        Assert.All(Repository.Source, project =>
            Assert.True(drawn[project.Name].SetEquals(project.References),
                $"{project.Name} references [{string.Join(", ", project.References.Order())}] but README.md's graph draws "
                + $"[{string.Join(", ", drawn[project.Name].Order())}]: change the graph only if the new arrow is allowed."));
    }

    [Fact]
    public void ReadmeLayout_PlacesEverySourceAssemblyInItsFolder_WithAReadme()
    {
        Assert.All(Repository.Source, project =>
        {
            Assert.True(ReadmeGraph.Folders.TryGetValue(project.Name, out var folder), $"README.md's layout table has no row for {project.Name}.");
            Assert.Equal(project.Folder, folder);
            Assert.True(File.Exists(Path.Combine(Repository.Root, project.Folder, "README.md")), $"{project.Folder} has no README.md.");
        });
    }

    [Theory]
    [InlineData("Hydra.Keystore")]
    [InlineData("Hydra.Bridge")]
    [InlineData("Hydra.CertsDev")]
    public void Servers_AndTheDevPki_NeverReachTheClientLibrary(string assembly)
    {
        var reached = Repository.Reachable(assembly);

        Assert.DoesNotContain(reached, r => ClientOnly.Contains(r, StringComparer.Ordinal));
    }

    [Fact]
    public void KeystoreFolder_DependsOnNothingOutsideIt()
    {
        Assert.All(Repository.Source.Where(p => p.TopFolder == "keystore"), project =>
            Assert.All(project.References, r => Assert.Equal("keystore", Repository.Projects[r].TopFolder)));
    }

    [Fact]
    public void ClientFolder_HoldsNothingServerSide()
    {
        Assert.All(Repository.Source.Where(p => p.TopFolder == "client"), project =>
        {
            var file = XDocument.Load(Path.Combine(Repository.Root, project.Folder, project.Name + ".csproj"));
            Assert.DoesNotContain("Web", file.Root!.Attribute("Sdk")!.Value, StringComparison.Ordinal);
            Assert.DoesNotContain(file.Descendants("FrameworkReference"), f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");
            Assert.DoesNotContain(Repository.Reachable(project.Name), r => r is "Hydra.Hosting" or "Hydra.Keystore" or "Hydra.Bridge");
        });
    }

    [Fact]
    public void ShippedCode_NeverReferencesTests_AndTheCodecStandsAlone()
    {
        Assert.All(Repository.Source, project => Assert.All(project.References, r => Assert.True(Repository.Projects[r].IsSource, $"{project.Name} references {r}.")));
        Assert.Empty(Repository.Projects["Hydra.Dicom"].References);
    }

    [Fact]
    public void LeanTestSupport_ReferencesNoHydraProject()
    {
        Assert.Empty(Repository.Projects["Hydra.Testing"].References);
    }
}
