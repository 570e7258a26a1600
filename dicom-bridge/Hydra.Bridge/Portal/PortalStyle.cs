namespace Hydra.Bridge.Portal;

/// <summary>Serves the one stylesheet (embedded in the assembly, so the bridge needs no web root).</summary>
internal static class PortalStyle
{
    private static readonly byte[] Css = Load();

    public static IResult Serve(HttpContext context)
    {
        // Public and the same for everyone: cacheable, unlike the pages.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Bytes(Css, "text/css; charset=utf-8");
    }

    private static byte[] Load()
    {
        using var stream = typeof(PortalStyle).Assembly.GetManifestResourceStream("Hydra.Bridge.Portal.portal.css")
            ?? throw new InvalidOperationException("The portal stylesheet is missing from the assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
