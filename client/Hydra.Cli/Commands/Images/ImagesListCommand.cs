using System.CommandLine;
using System.Globalization;
using Hydra.Bridge.Contract;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Spectre.Console;

namespace Hydra.Cli.Commands.Images;

/// <summary>
/// <c>hydra images list [--study UID]</c>: the images of the bridge's catalog the caller may read, with their
/// pseudonymous identifiers and non-identifying metadata only.
/// </summary>
internal static class ImagesListCommand
{
    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var study = new Option<string?>("--study") { Description = "Only the images of this (pseudonymous) Study Instance UID." };
        var command = new Command("list", "List the images you may read.") { study };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = context.OutputFor(parseResult);
            using var connection = BridgeConnection.Open(cluster, parseResult);
            var images = await connection.Bridge.ListImagesAsync(parseResult.GetValue(study), cancellationToken).ConfigureAwait(false);
            if (output.Json)
            {
                output.Document(new ImageListResult(images), CliJsonContext.Default.ImageListResult);
                return ExitCodes.Ok;
            }

            if (images.Count > 0)
            {
                output.Table(Render(images));
            }

            var studies = images.Select(i => i.StudyInstanceUid).Distinct(StringComparer.Ordinal).Count();
            output.Note(images.Count == 0
                ? "[yellow]No images you may read.[/]"
                : $"{images.Count} image{(images.Count == 1 ? string.Empty : "s")} in {studies} stud{(studies == 1 ? "y" : "ies")} you may read.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Table Render(IEnumerable<ImageSummary> images)
    {
        var table = new Table().AddColumns("study", "patient", "image (SOP instance)", "series", "#", "modality", "body part", "date", "bytes");
        foreach (var image in images
            .OrderBy(i => i.StudyInstanceUid, StringComparer.Ordinal)
            .ThenBy(i => i.SeriesNumber)
            .ThenBy(i => i.InstanceNumber)
            .ThenBy(i => i.SopInstanceUid, StringComparer.Ordinal))
        {
            table.AddRow(
                Markup.Escape(image.StudyInstanceUid),
                Markup.Escape(image.PatientPseudonym),
                Markup.Escape(image.SopInstanceUid),
                Number(image.SeriesNumber),
                Number(image.InstanceNumber),
                Markup.Escape(image.Modality),
                Markup.Escape(image.BodyPart),
                Markup.Escape(image.StudyDate),
                image.Size.ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";
}
