using System.CommandLine;
using Hydra.Bridge.Contract;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Spectre.Console;

namespace Hydra.Cli.Commands.Images;

/// <summary>
/// <c>hydra images get (--study UID | SOP-UID...) --out DIR</c>: downloads, decrypts and writes each image as
/// <c>DIR/study/series/sop.dcm</c>. Every image is reported; refused or failed ones are named with the reason and make
/// the exit code non-zero (the failures' code when they agree, else 1), while the others are still written.
/// </summary>
internal static class ImagesGetCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var sops = new Argument<string[]>("sop-instance-uid") { Description = "Images to fetch, by (pseudonymous) SOP Instance UID.", Arity = ArgumentArity.ZeroOrMore };
        var study = new Option<string?>("--study") { Description = "Fetch every image of this study you may read." };
        var folder = new Option<DirectoryInfo>("--out") { Description = "Folder to write DIR/study/series/sop.dcm into.", Required = true };
        var command = new Command("get", "Fetch, decrypt and write images you may read (de-identified DICOM files).") { sops, study, folder };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            var studyUid = parseResult.GetValue(study);
            var requested = parseResult.GetValue(sops) ?? [];
            if ((studyUid is null) == (requested.Length == 0))
            {
                throw new UsageException("Give either --study UID or one or more SOP instance UIDs (not both).");
            }

            var target = parseResult.GetValue(folder)!.FullName;
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var (images, missing) = await SelectAsync(connection.Bridge, studyUid, requested, cancellationToken).ConfigureAwait(false);
            var downloader = new ImageDownloader(connection, target);
            var fetched = await output.WithProgressAsync(
                $"{images.Count} image{(images.Count == 1 ? string.Empty : "s")}",
                images.Sum(i => i.Size),
                progress => downloader.DownloadAsync(images, progress, cancellationToken)).ConfigureAwait(false);
            NodeReport.Warn(output, downloader.NodeFailures);
            return Report(output, target, studyUid is null ? InRequestedOrder(requested, fetched, missing) : fetched, downloader.NodeFailures);
        });
        return command;
    }

    /// <summary>The images to fetch as the bridge describes them, and requested UIDs the caller may not read.</summary>
    private static async Task<(IReadOnlyList<ImageSummary> Images, IReadOnlyList<string> Missing)> SelectAsync(
        BridgeClient bridge, string? study, IReadOnlyList<string> requested, CancellationToken cancellationToken)
    {
        if (study is not null)
        {
            var images = await bridge.ListImagesAsync(study, cancellationToken).ConfigureAwait(false);
            if (images.Count == 0)
            {
                throw new AccessRefusedException(
                    $"The bridge has no image of study '{study}' that you may read: the study is unknown, or its ACLs do not include you.");
            }

            return ([.. images.OrderBy(i => i.SeriesNumber).ThenBy(i => i.InstanceNumber).ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal)], []);
        }

        var readable = new Dictionary<string, ImageSummary>(StringComparer.Ordinal);
        foreach (var image in await bridge.ListImagesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            readable.TryAdd(image.SopInstanceUid, image);
        }

        var wanted = requested.Distinct(StringComparer.Ordinal).ToList();
        return ([.. wanted.Where(readable.ContainsKey).Select(uid => readable[uid])], [.. wanted.Where(uid => !readable.ContainsKey(uid))]);
    }

    private static List<ImageOutcome> InRequestedOrder(IEnumerable<string> requested, IEnumerable<ImageOutcome> fetched, IEnumerable<string> missing)
    {
        var byUid = fetched.Concat(missing.Select(ImageOutcome.NotReadable)).ToDictionary(o => o.SopInstanceUid, StringComparer.Ordinal);
        return [.. requested.Distinct(StringComparer.Ordinal).Select(uid => byUid[uid])];
    }

    private static int Report(CommandOutput output, string folder, IReadOnlyList<ImageOutcome> outcomes, IReadOnlyList<NodeFailure> nodeFailures)
    {
        var failed = outcomes.Where(o => o.ExitCode != ExitCodes.Ok).ToList();
        var written = outcomes.Count - failed.Count;
        foreach (var outcome in outcomes)
        {
            if (outcome.File is null)
            {
                output.Error($"image {outcome.SopInstanceUid}: {outcome.Message}");
            }
            else if (!output.Json)
            {
                output.Line(outcome.File);
            }
        }

        if (output.Json)
        {
            output.Document(
                new ImagesGetResult(folder, written, failed.Count, outcomes, nodeFailures.Count > 0 ? NodeFailureDocument.From(nodeFailures) : null),
                CliJsonContext.Default.ImagesGetResult);
        }

        output.Note(failed.Count == 0
            ? $"[green]Wrote {written} de-identified image{(written == 1 ? string.Empty : "s")} under {Markup.Escape(folder)}.[/]"
            : $"[yellow]Wrote {written} of {outcomes.Count} images under {Markup.Escape(folder)}; {failed.Count} not written (see above).[/]");
        var codes = failed.Select(o => o.ExitCode).Distinct().ToList();
        return codes.Count switch
        {
            0 => ExitCodes.Ok,
            1 => codes[0],
            _ => ExitCodes.Failure,
        };
    }
}
