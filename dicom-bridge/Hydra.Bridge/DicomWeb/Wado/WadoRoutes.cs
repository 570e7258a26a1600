namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>The WADO-RS routes (PS3.18 10.4) under the <c>/dicom-web</c> group; FORMAT.md says what each answers.</summary>
internal static class WadoRoutes
{
    private const string Study = "/studies/{study}";
    private const string Series = Study + "/series/{series}";
    private const string Instance = Series + "/instances/{instance}";

    public static RouteGroupBuilder MapWadoRs(this RouteGroupBuilder group)
    {
        group.MapGet(Study, (HttpContext c, string study, WadoInstances w, CancellationToken t) =>
            RetrieveEndpoint.GetAsync(c, new WadoTarget(study), w, t));
        group.MapGet(Series, (HttpContext c, string study, string series, WadoInstances w, CancellationToken t) =>
            RetrieveEndpoint.GetAsync(c, new WadoTarget(study, series), w, t));
        group.MapGet(Instance, (HttpContext c, string study, string series, string instance, WadoInstances w, CancellationToken t) =>
            RetrieveEndpoint.GetAsync(c, new WadoTarget(study, series, instance), w, t));

        group.MapGet(Study + "/metadata", (HttpContext c, string study, WadoInstances w, CancellationToken t) =>
            MetadataEndpoint.GetAsync(c, new WadoTarget(study), w, t));
        group.MapGet(Series + "/metadata", (HttpContext c, string study, string series, WadoInstances w, CancellationToken t) =>
            MetadataEndpoint.GetAsync(c, new WadoTarget(study, series), w, t));
        group.MapGet(Instance + "/metadata", (HttpContext c, string study, string series, string instance, WadoInstances w, CancellationToken t) =>
            MetadataEndpoint.GetAsync(c, new WadoTarget(study, series, instance), w, t));

        group.MapGet(Instance + "/frames/{frames}", (HttpContext c, string study, string series, string instance, string frames, WadoInstances w, CancellationToken t) =>
            FramesEndpoint.GetFramesAsync(c, new WadoTarget(study, series, instance), frames, w, t));
        group.MapGet(Instance + "/bulkdata/{tag}", (HttpContext c, string study, string series, string instance, string tag, WadoInstances w, CancellationToken t) =>
            FramesEndpoint.GetBulkDataAsync(c, new WadoTarget(study, series, instance), tag, w, t));

        group.MapGet(Instance + "/rendered", (HttpContext c, string study, string series, string instance, WadoInstances w, CancellationToken t) =>
            RenderedEndpoint.GetAsync(c, new WadoTarget(study, series, instance), null, thumbnail: false, w, t));
        group.MapGet(Instance + "/frames/{frame}/rendered", (HttpContext c, string study, string series, string instance, string frame, WadoInstances w, CancellationToken t) =>
            RenderedEndpoint.GetAsync(c, new WadoTarget(study, series, instance), frame, thumbnail: false, w, t));
        group.MapGet(Study + "/thumbnail", (HttpContext c, string study, WadoInstances w, CancellationToken t) =>
            RenderedEndpoint.GetAsync(c, new WadoTarget(study), null, thumbnail: true, w, t));
        group.MapGet(Series + "/thumbnail", (HttpContext c, string study, string series, WadoInstances w, CancellationToken t) =>
            RenderedEndpoint.GetAsync(c, new WadoTarget(study, series), null, thumbnail: true, w, t));
        group.MapGet(Instance + "/thumbnail", (HttpContext c, string study, string series, string instance, WadoInstances w, CancellationToken t) =>
            RenderedEndpoint.GetAsync(c, new WadoTarget(study, series, instance), null, thumbnail: true, w, t));
        return group;
    }
}
