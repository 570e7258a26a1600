using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Hydra.Testing.Viewer;

/// <summary>
/// OHIF's prebuilt app as a hospital would host it next to a DICOMweb origin: Kestrel on 127.0.0.1 port 0 serving
/// <c>dist/</c> with SPA fallback and the cross-origin isolation headers OHIF needs (its WebAssembly decoders use
/// SharedArrayBuffer), an <c>app-config.js</c> whose one data source is this origin's <c>/dicom-web</c>, and
/// <c>/dicom-web/*</c> forwarded unchanged to <see cref="Origin"/> (so the browser needs no CORS).
/// </summary>
public sealed class ViewerHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DicomWebForwarder _forwarder;

    private ViewerHost(WebApplication app, DicomWebForwarder forwarder, Uri origin, Uri address)
    {
        _app = app;
        _forwarder = forwarder;
        Origin = origin;
        Address = address;
    }

    /// <summary>The DICOMweb origin's base address (its services are under <c>/dicom-web</c>).</summary>
    public Uri Origin { get; }

    /// <summary>The viewer's address, e.g. <c>http://127.0.0.1:40123/</c>.</summary>
    public Uri Address { get; }

    /// <summary>Every request forwarded to the origin so far, in order.</summary>
    public IReadOnlyList<ForwardedRequest> Forwarded => _forwarder.Forwarded;

    /// <summary>
    /// Starts the host in front of <paramref name="origin"/>; <paramref name="originHandler"/> (owned by the host) is how
    /// it reaches the origin, e.g. an HTTPS handler trusting the bridge's dev CA; <paramref name="originHttpVersion"/>, when
    /// given, is the one HTTP version it speaks (the bridge's reader endpoint: HTTP/2 over the handler's own TLS).
    /// </summary>
    public static async Task<ViewerHost> StartAsync(
        Uri origin, HttpMessageHandler? originHandler = null, Version? originHttpVersion = null, CancellationToken cancellationToken = default)
    {
        var dist = ViewerLocations.RequireOhifDist();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var forwarder = new DicomWebForwarder(new HttpClient(originHandler ?? new SocketsHttpHandler(), disposeHandler: true), origin, originHttpVersion);
        builder.Services.AddSingleton(forwarder);
        var app = builder.Build();
        var files = new PhysicalFileProvider(dist);

        app.Use((context, next) =>
        {
            context.Response.Headers["Cross-Origin-Opener-Policy"] = "same-origin";
            context.Response.Headers["Cross-Origin-Embedder-Policy"] = "require-corp";
            return next(context);
        });
        app.MapGet("/app-config.js", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(OhifConfiguration.AppConfig, "text/javascript");
        });
        app.Map("/dicom-web/{**rest}", (HttpContext context) => forwarder.ForwardAsync(context));
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });

        await app.StartAsync(cancellationToken).DefaultTimeout();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return new ViewerHost(app, forwarder, origin, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().DefaultTimeout();
        await _app.DisposeAsync();
        _forwarder.Dispose();
    }
}
