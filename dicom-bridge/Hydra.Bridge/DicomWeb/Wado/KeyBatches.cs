using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Cluster;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// The instances of a study or series answer after the first, their keys rebuilt <see cref="BatchSize"/> at a time with
/// one delegated <c>GetShares</c> call per node (one chain validation and one commit per batch there, each key still
/// audited), the next batch fetched while the current one streams. At most two batches of keys are held; each key is
/// zeroed by whoever takes its image, and the rest when this is disposed (answer failed, aborted or cancelled).
/// </summary>
internal sealed class KeyBatches : IDisposable
{
    public const int BatchSize = 64;

    private readonly WadoInstances _instances;
    private readonly IReadOnlyList<CatalogEntry> _entries;
    private readonly ReaderCaller _reader;
    private readonly int _from;
    private readonly CancellationToken _cancellationToken;
    private Task<ImageOpening?[]>? _current;
    private Task<ImageOpening?[]>? _next;

    /// <summary>Starts fetching the first batch: the keys of <paramref name="entries"/> from index <paramref name="from"/> on.</summary>
    public KeyBatches(WadoInstances instances, IReadOnlyList<CatalogEntry> entries, ReaderCaller reader, int from, CancellationToken cancellationToken)
    {
        _instances = instances;
        _entries = entries;
        _reader = reader;
        _from = from;
        _cancellationToken = cancellationToken;
        _next = FetchAsync(from);
    }

    /// <summary>The image of entry <paramref name="index"/>, taken in order; the caller disposes it.</summary>
    /// <exception cref="ClusterException">Its key could not be rebuilt (once the answer has started, only an abort can follow).</exception>
    public async Task<DecryptedImage> TakeAsync(int index)
    {
        var offset = (index - _from) % BatchSize;
        if (offset == 0)
        {
            _current = _next;
            _next = FetchAsync(index + BatchSize);
        }

        var batch = await _current!;
        var opening = batch[offset]!;
        batch[offset] = null; // taken: the caller zeroes it
        if (opening.Image is not null)
        {
            return opening.Image;
        }

        var error = opening.Error!;
        BridgeLog.DelegatedKeyRefused(_instances.Logger, _reader.Identity.SubjectText, opening.Entry.SopInstanceUid, opening.Entry.KeyId, error.Message);
        throw error;
    }

    /// <summary>Zeroes every key fetched but not taken, for a fetch still running once it ends.</summary>
    public void Dispose()
    {
        DisposeWhenDone(_current);
        DisposeWhenDone(_next);
        _current = _next = null;
    }

    /// <summary>Starts rebuilding the keys of the batch at <paramref name="start"/>; null past the last entry.</summary>
    private Task<ImageOpening?[]>? FetchAsync(int start) =>
        start < _entries.Count
            ? _instances.OpenManyAsync([.. _entries.Skip(start).Take(BatchSize)], _reader, _cancellationToken)
            : null;

    private static void DisposeWhenDone(Task<ImageOpening?[]>? pending) =>
        _ = pending?.ContinueWith(
            t =>
            {
                if (!t.IsCompletedSuccessfully)
                {
                    _ = t.Exception; // observed: the answer's own failure was logged already
                    return;
                }

                foreach (var opening in t.Result)
                {
                    opening?.Image?.Dispose();
                }
            },
            CancellationToken.None, // the clean-up must run even when the request was cancelled
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
}
