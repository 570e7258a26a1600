namespace Hydra.Testing.Viewer;

/// <summary>
/// The <c>app-config.js</c> the host serves instead of OHIF's own (which points at a public demo server): one
/// <c>dicomweb</c> data source at the page's own origin, WADO-RS for images and thumbnails (no static WADO, no
/// rendered thumbnails), and no dialogs that would cover the viewport.
/// </summary>
internal static class OhifConfiguration
{
    public const string AppConfig = """
        window.config = {
          routerBasename: null,
          extensions: [],
          modes: [],
          showStudyList: true,
          maxNumberOfWebWorkers: 2,
          showWarningMessageForCrossOrigin: false,
          showCPUFallbackMessage: false,
          showLoadingIndicator: true,
          investigationalUseDialog: { option: 'never' },
          defaultDataSourceName: 'hydra',
          dataSources: [
            {
              namespace: '@ohif/extension-default.dataSourcesModule.dicomweb',
              sourceName: 'hydra',
              configuration: {
                friendlyName: 'DICOMweb origin',
                name: 'hydra',
                wadoUriRoot: window.location.origin + '/dicom-web',
                qidoRoot: window.location.origin + '/dicom-web',
                wadoRoot: window.location.origin + '/dicom-web',
                qidoSupportsIncludeField: false,
                imageRendering: 'wadors',
                thumbnailRendering: 'wadors',
                enableStudyLazyLoad: true,
                supportsFuzzyMatching: false,
                supportsWildcard: true,
                staticWado: false,
                singlepart: 'bulkdata,video',
                bulkDataURI: { enabled: true, relativeResolution: 'studies' },
                omitQuotationForMultipartRequest: true,
              },
            },
          ],
        };
        """;
}
