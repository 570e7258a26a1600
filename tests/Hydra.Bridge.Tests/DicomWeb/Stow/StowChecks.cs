using Hydra.Testing.Bridge;

namespace Hydra.Bridge.Tests.DicomWeb.Stow;

/// <summary>What must hold after any STOW-RS request, good or bad.</summary>
public static class StowChecks
{
    /// <summary>
    /// Nothing half-stored: every object file outside the quarantine is a catalogued image and no temporary file is
    /// left, so each image is either whole (object and entry) or absent.
    /// </summary>
    public static async Task AssertOnlyCompleteInstancesAsync(TestBridge bridge)
    {
        var root = Path.Combine(bridge.DataDirectory, "objects");
        var quarantine = Path.Combine(root, "quarantine") + Path.DirectorySeparatorChar;
        var objects = Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Where(f => !f.StartsWith(quarantine, StringComparison.Ordinal)).ToList()
            : [];
        Assert.Equal(await bridge.Node.CatalogCountAsync(), objects.Count);
    }
}
