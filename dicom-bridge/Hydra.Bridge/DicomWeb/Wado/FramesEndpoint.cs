using System.Globalization;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Dicom;
using Hydra.Dicom.Imaging;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// Frames (PS3.18 10.4.1.1.3) and bulk data (10.4.1.1.5) of one instance as <c>multipart/related;
/// type="application/octet-stream"</c>: native pixel data cut into frames, or one top-level binary element's bytes.
/// Encapsulated (compressed) pixel data is not served this way: 406 names the stored syntax (see FORMAT.md).
/// </summary>
internal static class FramesEndpoint
{
    /// <summary>Native bulk data is little endian, as Explicit VR Little Endian (PS3.18 8.7.3.3.2).</summary>
    private static readonly string NativeSyntax = DicomTransferSyntax.ExplicitVRLittleEndian.Uid;

    public static async Task<IResult> GetFramesAsync(HttpContext context, WadoTarget target, string frameText, WadoInstances instances, CancellationToken cancellationToken)
    {
        var badFrames = FrameList.TryParse(frameText, out var wanted)
            ? null
            : ReaderEndpoints.Problem(StatusCodes.Status400BadRequest, $"The frame list in the path must be frame numbers from 1, separated by commas (at most {FrameList.MaxFrames}).");
        var (_, entry, file, refusal) = await instances.ReadOneAsync(context, target, e => badFrames ?? CheckAccept(context, e), cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        PixelFrames frames;
        try
        {
            frames = PixelFrames.Of(file);
        }
        catch (DicomImagingException ex)
        {
            DicomWebLog.NotServable(instances.Logger, entry!.SopInstanceUid, ex.Message);
            return ReaderEndpoints.Problem(StatusCodes.Status406NotAcceptable, $"The frames of '{entry.SopInstanceUid}' cannot be served: {ex.Message}");
        }

        var missing = wanted.Where(n => n > frames.Count).Distinct().ToList();
        if (missing.Count > 0)
        {
            return ReaderEndpoints.Problem(StatusCodes.Status404NotFound, string.Create(CultureInfo.InvariantCulture,
                $"Frame {string.Join(", ", missing.Take(10))} not in instance '{entry!.SopInstanceUid}', which has {frames.Count}."));
        }

        var multipart = new MultipartWriter(context.Response, DicomWebMedia.OctetStream);
        foreach (var number in wanted)
        {
            await multipart.BeginPartAsync($"{DicomWebMedia.OctetStream}; transfer-syntax={NativeSyntax}", cancellationToken);
            await multipart.Body.WriteAsync(frames.Frame(number), cancellationToken);
        }

        await multipart.EndAsync(cancellationToken);
        return Results.Empty;
    }

    public static async Task<IResult> GetBulkDataAsync(HttpContext context, WadoTarget target, string tagText, WadoInstances instances, CancellationToken cancellationToken)
    {
        var badTag = uint.TryParse(tagText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var tagValue) && tagText.Length == 8
            ? null
            : ReaderEndpoints.Problem(StatusCodes.Status400BadRequest, "The bulk data path must end with the element's tag as 8 hexadecimal digits, e.g. 7FE00010.");
        var (_, entry, file, refusal) = await instances.ReadOneAsync(context, target, e => badTag ?? CheckAccept(context, e), cancellationToken);
        if (file is null)
        {
            return refusal!;
        }

        var tag = new DicomTag((ushort)(tagValue >> 16), (ushort)tagValue);
        var element = file.Dataset[tag];
        if (element is DicomFragmentSequence)
        {
            return DicomWebMedia.NotAcceptable(DicomWebMedia.BulkData, $"Its pixel data is compressed ({file.TransferSyntax.Uid}); ask for the instance itself.");
        }

        if (element is not DicomValueElement value)
        {
            return ReaderEndpoints.Problem(StatusCodes.Status404NotFound, $"No bulk data {tagText} in instance '{entry!.SopInstanceUid}'.");
        }

        var multipart = new MultipartWriter(context.Response, DicomWebMedia.OctetStream);
        await multipart.BeginPartAsync($"{DicomWebMedia.OctetStream}; transfer-syntax={NativeSyntax}", cancellationToken);
        await multipart.Body.WriteAsync(value.Value, cancellationToken);
        await multipart.EndAsync(cancellationToken);
        return Results.Empty;
    }

    /// <summary>406 unless the reader accepts native bytes and the instance has them (from its catalogued syntax, before any key fetch).</summary>
    private static IResult? CheckAccept(HttpContext context, CatalogEntry entry)
    {
        var stored = DicomTransferSyntax.Lookup(entry.TransferSyntaxUid);
        if (stored.IsEncapsulated)
        {
            return DicomWebMedia.NotAcceptable(DicomWebMedia.BulkData,
                $"The instance is stored compressed ({stored.Uid}); its frames are served only native. Ask for the instance itself (transfer-syntax=*).");
        }

        return DicomWebMedia.Negotiate(context.Request, DicomWebMedia.BulkData, s => s is DicomWebMedia.AnySyntax || s == NativeSyntax) is null
            ? DicomWebMedia.NotAcceptable(DicomWebMedia.BulkData, $"transfer-syntax may be * or {NativeSyntax}.")
            : null;
    }
}
