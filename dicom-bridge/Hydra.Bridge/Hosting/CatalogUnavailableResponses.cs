using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;

namespace Hydra.Bridge.Hosting;

/// <summary>
/// The one map from "the catalog database is down" to HTTP for every endpoint (readers, DICOMweb, officers, portal):
/// 503 with a reason to try again later; the details go to the log only.
/// </summary>
internal static class CatalogUnavailableResponses
{
    public static void UseCatalogUnavailableResponses(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILogger<CatalogUnavailableException>>();
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (CatalogUnavailableException ex) when (!context.Response.HasStarted)
            {
                BridgeLog.CatalogUnavailable(logger, context.Request.Path, ex.Message);
                await ReaderEndpoints.Problem(StatusCodes.Status503ServiceUnavailable, "The catalog database is unavailable now; try again later.")
                    .ExecuteAsync(context);
            }
        });
    }
}
