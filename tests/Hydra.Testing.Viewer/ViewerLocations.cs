using System.Reflection;

namespace Hydra.Testing.Viewer;

/// <summary>Where the npm driver and OHIF's prebuilt app live; missing ones fail the test naming the fix.</summary>
internal static class ViewerLocations
{
    public static string InteropDirectory => Metadata("ViewerInteropDirectory");

    public static string OhifDist => Metadata("OhifDistDirectory");

    public static string RequireOhifDist()
    {
        if (!File.Exists(Path.Combine(OhifDist, "index.html")))
        {
            throw new PeerMissingException($"OHIF's prebuilt app (npm @ohif/app 3.13.2, dist/) is not unpacked in {OhifDist}. Run 'bash .ci/setup.sh' first.");
        }

        return OhifDist;
    }

    public static string RequirePlaywright()
    {
        if (!File.Exists(Path.Combine(InteropDirectory, "node_modules", "playwright-core", "package.json")))
        {
            throw new PeerMissingException($"The npm package playwright-core is not installed in {InteropDirectory}. Run 'bash .ci/setup.sh' first.");
        }

        return InteropDirectory;
    }

    private static string Metadata(string key) => typeof(ViewerLocations).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == key).Value!;
}
