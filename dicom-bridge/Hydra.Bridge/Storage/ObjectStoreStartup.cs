using Hydra.Bridge.Options;

namespace Hydra.Bridge.Storage;

/// <summary>
/// At start, before the DICOM ports open: aborts the unfinished multipart uploads a crashed bridge left in its S3
/// prefix, the S3 analogue of the folder store's removal of partial files. A store that is down then is logged, not
/// fatal: leftovers are invisible and wait for the next start.
/// </summary>
internal sealed class ObjectStoreStartup : IHostedService
{
    private readonly IObjectStore _objects;
    private readonly BridgeObjectOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public ObjectStoreStartup(IObjectStore objects, BridgeOptions options, TimeProvider time, ILogger<ObjectStoreStartup> logger)
    {
        _objects = objects;
        _options = options.Objects;
        _time = time;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_objects is not S3ObjectStore s3)
        {
            return;
        }

        try
        {
            var olderThan = _time.GetUtcNow().AddMinutes(-_options.S3.LeftoverUploadMinutes);
            var aborted = await s3.AbortLeftoverUploadsAsync(olderThan, cancellationToken);
            if (aborted > 0)
            {
                ObjectStoreLog.LeftoverUploadsAborted(_logger, aborted);
            }
        }
        catch (ObjectStoreException ex)
        {
            ObjectStoreLog.ObjectStoreFailed(_logger, "aborting leftover uploads", ex.Message);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
