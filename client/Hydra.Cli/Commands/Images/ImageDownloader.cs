using Hydra.Bridge.Contract;
using Hydra.Cli.Connection;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Keystore.Contract;
using Hydra.Storage.Files;

namespace Hydra.Cli.Commands.Images;

/// <summary>
/// Fetches images as a grid reader: keys rebuilt from the cluster with the caller's own credential, one batch call
/// per node for many images; ciphertext streamed from the bridge straight through decryption into
/// <c>FOLDER/study/series/sop.dcm</c>, written atomically. One image's refusal or failure never stops the others.
/// </summary>
internal sealed class ImageDownloader
{
    /// <summary>Keys rebuilt per batch call, and so held in memory at once.</summary>
    private const int KeyBatchSize = 256;

    /// <summary>Images downloaded and decrypted at once (each also decrypts its segments in parallel).</summary>
    private const int ParallelImages = 4;

    private readonly BridgeConnection _connection;
    private readonly string _folder;
    private readonly List<NodeFailure> _nodeFailures = [];

    public ImageDownloader(BridgeConnection connection, string folder)
    {
        _connection = connection;
        _folder = folder;
    }

    /// <summary>
    /// Nodes that did not contribute to keys that were rebuilt (failed, refused, or sent a bad share), one entry per node
    /// and kind of failure, with how many keys it concerned. Keys that could not be rebuilt name theirs in their outcome.
    /// </summary>
    public IReadOnlyList<NodeFailure> NodeFailures => [.. _nodeFailures
        .GroupBy(f => (f.NodeId, f.Kind))
        .Select(g => g.Count() == 1 ? g.First() : g.First() with { Message = $"{g.First().Message.TrimEnd('.')} (for {g.Count()} keys)." })];

    /// <summary>Downloads <paramref name="images"/>; <paramref name="progress"/> hears the ciphertext bytes done so far.</summary>
    public async Task<IReadOnlyList<ImageOutcome>> DownloadAsync(
        IReadOnlyList<ImageSummary> images, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var outcomes = new ImageOutcome[images.Count];
        var usable = new List<int>(images.Count);
        for (var i = 0; i < images.Count; i++)
        {
            var problem = Problem(images[i]);
            if (problem is null)
            {
                usable.Add(i);
            }
            else
            {
                outcomes[i] = ImageOutcome.Unusable(images[i], problem);
            }
        }

        long done = 0;
        foreach (var batch in usable.Chunk(KeyBatchSize))
        {
            var keys = await _connection.Cluster.GetKeysAsync([.. batch.Select(i => KeyId.Parse(images[i].KeyId))], cancellationToken)
                .ConfigureAwait(false);
            foreach (var key in keys.Select(k => k.Key).OfType<FetchedKey>())
            {
                _nodeFailures.AddRange(key.Failed);
                _nodeFailures.AddRange(key.BadNodes.Select(node => new NodeFailure(node, NodeFailureKind.CorruptShare,
                    "sent a share that fails its integrity tag (corrupt or forged); the key was rebuilt from other nodes. Repair that node.")));
            }

            try
            {
                var parallel = new ParallelOptions { MaxDegreeOfParallelism = ParallelImages, CancellationToken = cancellationToken };
                await Parallel.ForEachAsync(Enumerable.Range(0, batch.Length), parallel, async (j, token) =>
                {
                    var image = images[batch[j]];
                    outcomes[batch[j]] = await DownloadOneAsync(image, keys[j], token).ConfigureAwait(false);
                    progress?.Report(Interlocked.Add(ref done, image.Size));
                }).ConfigureAwait(false);
            }
            finally
            {
                foreach (var key in keys)
                {
                    key.Key?.Dispose();
                }
            }
        }

        return outcomes;
    }

    private async Task<ImageOutcome> DownloadOneAsync(ImageSummary image, KeyFetchResult fetched, CancellationToken cancellationToken)
    {
        if (fetched.Key is not { } key)
        {
            return ImageOutcome.Failed(image, fetched.Error!);
        }

        var path = Path.Combine(_folder, image.StudyInstanceUid, image.SeriesInstanceUid, image.SopInstanceUid + ".dcm");
        try
        {
            var ciphertext = await _connection.Bridge.OpenObjectAsync(image.SopInstanceUid, cancellationToken).ConfigureAwait(false);
            await using (ciphertext.ConfigureAwait(false))
            {
                var (_, size) = await AtomicFile.WriteAsync(
                    path,
                    target => ContainerCipher.DecryptAsync(ciphertext, target, key.KeyMemory, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                return ImageOutcome.Written(image, path, size);
            }
        }
        catch (Exception ex) when (ex is BridgeException or ContainerException or IOException or HttpRequestException or UnauthorizedAccessException)
        {
            return ImageOutcome.Failed(image, ex);
        }
    }

    /// <summary>
    /// Why the bridge's description of an image cannot be used, or null. The UIDs become folder and file names, so
    /// anything but a DICOM UID (PS3.5 9.1: digits and dots, at most 64 characters) is refused rather than trusted.
    /// </summary>
    private static string? Problem(ImageSummary image)
    {
        foreach (var (name, uid) in new[] { ("study", image.StudyInstanceUid), ("series", image.SeriesInstanceUid), ("SOP instance", image.SopInstanceUid) })
        {
            if (!IsUid(uid))
            {
                return $"The bridge sent a {name} UID that is not a DICOM UID (digits and dots, at most 64 characters); the image was not written.";
            }
        }

        return KeyId.TryParse(image.KeyId, out _) ? null : "The bridge sent a key id that is not one; the image was not written.";
    }

    private static bool IsUid(string? uid) =>
        uid is { Length: > 0 and <= 64 }
        && uid.All(c => c is '.' or (>= '0' and <= '9'))
        && uid.Split('.').All(component => component.Length > 0);
}
