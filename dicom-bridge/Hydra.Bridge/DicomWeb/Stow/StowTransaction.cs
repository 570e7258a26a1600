using Hydra.Bridge.Ingest;
using Hydra.Bridge.Options;
using Hydra.Dicom;
using Hydra.Dicom.Dictionary;
using Hydra.Dicom.IO;
using Microsoft.AspNetCore.WebUtilities;

namespace Hydra.Bridge.DicomWeb.Stow;

/// <summary>
/// Reads the parts of one STOW-RS body one at a time, each through a length cap into the DICOM reader, and ingests each
/// complete instance through the same pipeline as C-STORE. A part is never held beyond its cap, an instance is stored
/// only when it was read whole, and each stored instance is recoverable before the next part is read.
/// </summary>
internal sealed class StowTransaction
{
    private const int MaxPartHeaders = 16;
    private const int MaxPartHeaderBytes = 16 * 1024;

    private readonly IngestPipeline _ingest;
    private readonly BridgeDicomWebOptions _options;
    private readonly DicomReaderOptions _reader;
    private readonly ILogger _logger;

    public StowTransaction(IngestPipeline ingest, BridgeOptions options, ILogger<StowTransaction> logger)
    {
        _ingest = ingest;
        _options = options.DicomWeb;
        // The codec's own limits, no larger than a part may be: a lying length fails before any memory is taken.
        _reader = DicomReaderOptions.Default with
        {
            MaxDatasetLength = _options.MaxInstanceBytes,
            MaxValueLength = Math.Min(DicomReaderOptions.Default.MaxValueLength, _options.MaxInstanceBytes),
        };
        _logger = logger;
    }

    /// <summary>Stores what <paramref name="body"/> holds as <paramref name="source"/>; <paramref name="study"/> (from the path) bounds it to one study.</summary>
    public async Task<StowOutcome> RunAsync(Stream body, string boundary, string source, string? study, string caller, CancellationToken cancellationToken)
    {
        var multipart = new MultipartReader(boundary, body)
        {
            HeadersCountLimit = MaxPartHeaders,
            HeadersLengthLimit = MaxPartHeaderBytes,
            BodyLengthLimit = _options.MaxInstanceBytes + 1, // A backstop: the CappedStream refuses first.
        };
        // One instance is ingested while the next part is read (overlapping the upload with the cluster and the
        // disk), never more: at most two instances of a request are in memory.
        var instances = new List<Task<StowInstance>>();
        while (true)
        {
            MultipartSection? section;
            try
            {
                section = await multipart.ReadNextSectionAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                // The reader's messages may quote the client's bytes: a fixed description instead.
                if (instances.Count == 0)
                {
                    return StowOutcome.Abort([], StatusCodes.Status400BadRequest,
                        "The body holds no multipart part delimited by the Content-Type's boundary (empty body, another boundary, or malformed part headers).");
                }

                instances.Add(Task.FromResult(StowInstance.Failed(StowInstance.CannotUnderstand,
                    "the body ends (or its part headers break the limits) before the closing boundary")));
                break;
            }

            if (section is null)
            {
                break;
            }

            if (instances.Count == _options.MaxInstancesPerRequest)
            {
                return StowOutcome.Abort(await CompleteAsync(instances, caller), StatusCodes.Status413PayloadTooLarge,
                    $"The request carries more than Bridge:DicomWeb:MaxInstancesPerRequest ({_options.MaxInstancesPerRequest}) instances; the parts after that were not read.");
            }

            var part = new CappedStream(section.Body, _options.MaxInstanceBytes);
            try
            {
                var (instance, truncated) = await StorePartAsync(section, part, source, study, instances.LastOrDefault(), cancellationToken);
                instances.Add(instance);
                if (truncated)
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is PartTooLargeException or InvalidDataException
                || (ex is DicomFormatException format && format.Reason is DicomFormatReason.ValueTooLong or DicomFormatReason.DatasetTooLong))
            {
                return StowOutcome.Abort(await CompleteAsync(instances, caller), StatusCodes.Status413PayloadTooLarge,
                    $"Part {instances.Count + 1} is larger than Bridge:DicomWeb:MaxInstanceBytes ({_options.MaxInstanceBytes} bytes); it was not stored and nothing after it was read.");
            }
        }

        return new StowOutcome(await CompleteAsync(instances, caller), 0, null);
    }

    // Waits for the ingest still running and logs the failed parts by number.
    private async Task<IReadOnlyList<StowInstance>> CompleteAsync(List<Task<StowInstance>> instances, string caller)
    {
        var done = await Task.WhenAll(instances);
        for (var i = 0; i < done.Length; i++)
        {
            if (!done[i].IsStored)
            {
                StowLog.InstanceFailed(_logger, caller, i + 1, done[i].Failure!.Value, done[i].Detail);
            }
        }

        return done;
    }

    private async Task<(Task<StowInstance> Instance, bool Truncated)> StorePartAsync(
        MultipartSection section, CappedStream part, string source, string? study, Task<StowInstance>? previous, CancellationToken cancellationToken)
    {
        if (!StowMedia.IsDicomPart(section.ContentType))
        {
            // Passed through the cap like any part, so a huge one is refused the same way.
            var whole = await DrainAsync(part, cancellationToken);
            return (Task.FromResult(StowInstance.Failed(StowInstance.CannotUnderstand, "the part's Content-Type is not application/dicom")), !whole);
        }

        DicomFile file;
        try
        {
            file = await DicomFile.ReadAsync(part, _reader, cancellationToken);
        }
        catch (DicomException ex)
        {
            // Codec messages name offsets and tags, never values. The rest of the part still passes the cap.
            var complete = await DrainAsync(part, cancellationToken);
            return (Task.FromResult(StowInstance.Failed(StowInstance.CannotUnderstand, "not a DICOM file: " + ex.Message)), !complete);
        }
        catch (IOException ex) when (ex is not PartTooLargeException)
        {
            return (Task.FromResult(StowInstance.Failed(StowInstance.CannotUnderstand, "the body ends inside this part (truncated)")), true);
        }

        if (previous is not null)
        {
            await previous;
        }

        // Off this loop: de-identification is CPU work the next part's reading need not wait for.
        return (Task.Run(() => IngestAsync(file, source, study, cancellationToken), cancellationToken), false);
    }

    // False when the body ended inside the part.
    private static async Task<bool> DrainAsync(CappedStream part, CancellationToken cancellationToken)
    {
        try
        {
            await part.CopyToAsync(Stream.Null, cancellationToken);
            return true;
        }
        catch (IOException ex) when (ex is not PartTooLargeException)
        {
            return false;
        }
    }

    private async Task<StowInstance> IngestAsync(DicomFile file, string source, string? study, CancellationToken cancellationToken)
    {
        var dataset = file.Dataset;
        var sopClass = dataset.GetString(DicomTags.SOPClassUID)?.Trim();
        sopClass = DicomUid.IsValid(sopClass) ? sopClass : null;
        if (sopClass is null || string.IsNullOrWhiteSpace(dataset.GetString(DicomTags.SOPInstanceUID)))
        {
            return StowInstance.Failed(StowInstance.CannotUnderstand, "(0008,0016) SOP Class UID or (0008,0018) SOP Instance UID is missing or not a UID", sopClass);
        }

        if (study is not null && !string.Equals(dataset.GetString(DicomTags.StudyInstanceUID)?.Trim(), study, StringComparison.Ordinal))
        {
            return StowInstance.Failed(StowInstance.StudyMismatch, "(0020,000D) Study Instance UID differs from the study in the path", sopClass);
        }

        IngestResult result;
        try
        {
            result = await _ingest.IngestAsync(file, source, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The pipeline's own errors name tags, paths and nodes, never values; the sender hears only the code.
            StowLog.IngestFailed(_logger, source, ex);
            return StowInstance.Failed(StowInstance.ProcessingFailure, "the ingest failed: " + ex.GetType().Name, sopClass);
        }

        return result.Outcome switch
        {
            IngestOutcome.Stored => new StowInstance(
                sopClass, result.Report!.SopInstanceUid, result.Report.StudyInstanceUid ?? result.Report.SopInstanceUid,
                result.Report.SeriesInstanceUid, null, null, "stored"),
            IngestOutcome.Quarantined => new StowInstance(sopClass, null, null, null, null, StowInstance.Quarantined,
                "quarantined: " + result.Quarantine!.Code),
            _ => StowInstance.Failed(result.Status.Code, result.Reason ?? "refused", sopClass),
        };
    }
}

/// <summary>
/// The instances of one STOW-RS request in part order; a non-zero <see cref="AbortStatus"/> when the request was cut short
/// (the instances before it stand: each was stored whole).
/// </summary>
internal sealed record StowOutcome(IReadOnlyList<StowInstance> Instances, int AbortStatus, string? AbortError)
{
    public static StowOutcome Abort(IReadOnlyList<StowInstance> instances, int status, string error) => new(instances, status, error);
}
