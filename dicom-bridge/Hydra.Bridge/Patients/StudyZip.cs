using System.Globalization;
using System.IO.Compression;
using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;
using Hydra.Cluster;

namespace Hydra.Bridge.Patients;

/// <summary>
/// Writes a study's images as a zip of de-identified PS3.10 files (<c>SERIES/INSTANCE.dcm</c>), streamed as it is
/// written, each key rebuilt through the caller's view of the cluster (a patient's or a reader's): the nodes decide and
/// audit every key on its own. An image whose key is refused is left out and counted.
/// </summary>
internal static class StudyZip
{
    /// <summary>Keys rebuilt per batch call while zipping: one GetShares per node for this many images.</summary>
    private const int Batch = 32;

    /// <returns>The images written and the images whose keys the nodes refused.</returns>
    public static async Task<(int Written, int Refused)> WriteAsync(
        DecryptedImages images, IReadOnlyList<CatalogEntry> entries, KeystoreCluster view, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var written = 0;
        var refused = 0;
        await using var spool = new SpooledResponse(output);
        var zip = await ZipArchive.CreateAsync(spool, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (zip)
        {
            // Only Batch images' keys are held at once, and each image streams from its object into the zip.
            foreach (var batch in entries.OrderBy(e => e.SeriesNumber ?? int.MaxValue).ThenBy(e => e.InstanceNumber ?? int.MaxValue).Chunk(Batch))
            {
                foreach (var opening in await images.OpenManyAsync(batch, view, cancellationToken))
                {
                    if (opening.Image is not { } image)
                    {
                        refused++;
                        continue;
                    }

                    using (image)
                    {
                        var file = zip.CreateEntry(ZipName(opening.Entry, names), CompressionLevel.Fastest);
                        var stream = await file.OpenAsync(cancellationToken);
                        await using (stream)
                        {
                            await image.CopyToAsync(stream, cancellationToken);
                        }
                    }

                    await spool.SendAsync(cancellationToken);
                    written++;
                }
            }
        }

        await spool.SendAsync(cancellationToken); // the central directory
        return (written, refused);
    }

    /// <summary><c>SERIESNUMBER/INSTANCENUMBER.dcm</c>; the SOP Instance UID where a number is missing or taken.</summary>
    private static string ZipName(CatalogEntry entry, HashSet<string> taken)
    {
        var series = entry.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? entry.SeriesInstanceUid;
        var name = entry.InstanceNumber is { } instance ? $"{series}/{instance.ToString(CultureInfo.InvariantCulture)}.dcm" : null;
        if (name is null || !taken.Add(name))
        {
            name = $"{series}/{entry.SopInstanceUid}.dcm";
            taken.Add(name);
        }

        return name;
    }
}
