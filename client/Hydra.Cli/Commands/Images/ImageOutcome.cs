using System.Text.Json.Serialization;
using Hydra.Bridge.Contract;

namespace Hydra.Cli.Commands.Images;

/// <summary>
/// One image of <c>hydra images get</c>: written (<see cref="File"/> and its size) or not (<see cref="Error"/>, the
/// error name of <c>--json</c> documents, and <see cref="Message"/>, the reason).
/// </summary>
internal sealed record ImageOutcome(
    string SopInstanceUid,
    string? StudyInstanceUid,
    string? SeriesInstanceUid,
    string? File,
    long? Bytes,
    string? Error,
    string? Message,
    [property: JsonIgnore] int ExitCode)
{
    public static ImageOutcome Written(ImageSummary image, string file, long bytes) =>
        new(image.SopInstanceUid, image.StudyInstanceUid, image.SeriesInstanceUid, file, bytes, null, null, ExitCodes.Ok);

    public static ImageOutcome Failed(ImageSummary image, Exception error) =>
        new(image.SopInstanceUid, image.StudyInstanceUid, image.SeriesInstanceUid, null, null, ExitCodes.Name(error), OneLine(error.Message),
            ExitCodes.For(error));

    /// <summary>Asked for by SOP instance UID, but not among the images the bridge shows the caller.</summary>
    public static ImageOutcome NotReadable(string sopInstanceUid) =>
        new(sopInstanceUid, null, null, null, null, "Denied",
            $"The bridge has no image '{sopInstanceUid}' that you may read: it is unknown, or its ACL does not include you.", ExitCodes.Denied);

    /// <summary>The bridge described the image with values that cannot be used safely (a UID that is not one, a bad key id).</summary>
    public static ImageOutcome Unusable(ImageSummary image, string reason) =>
        new(image.SopInstanceUid, image.StudyInstanceUid, image.SeriesInstanceUid, null, null, "Failure", reason, ExitCodes.Failure);

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
