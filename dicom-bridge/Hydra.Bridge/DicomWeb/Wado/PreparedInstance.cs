using Hydra.Bridge.Readers;
using Hydra.Bridge.Storage;

namespace Hydra.Bridge.DicomWeb.Wado;

/// <summary>
/// An instance of a retrieve made ready while the one before it is sent: decrypted into a buffer (its key zeroed at
/// once), or, when larger than <see cref="MaxBufferedBytes"/>, left to stream from its object as it is sent.
/// </summary>
internal sealed class PreparedInstance : IDisposable
{
    /// <summary>Instances up to this size are decrypted ahead; a larger one (a long multi-frame) streams, as the first does.</summary>
    public const long MaxBufferedBytes = 32 * 1024 * 1024;

    private PreparedInstance(CatalogEntry entry, DecryptedImage? streamed, PlaintextBuffer? buffered)
    {
        Entry = entry;
        Streamed = streamed;
        Buffered = buffered;
    }

    public CatalogEntry Entry { get; }

    /// <summary>The image to decrypt as it is sent, when it was not buffered.</summary>
    public DecryptedImage? Streamed { get; }

    /// <summary>The decrypted instance (PS3.10 file), when it was buffered.</summary>
    public PlaintextBuffer? Buffered { get; }

    public static PreparedInstance Streaming(DecryptedImage image) => new(image.Entry, image, null);

    /// <summary>Decrypts <paramref name="image"/> into a buffer when it is small enough; takes ownership of it either way.</summary>
    /// <exception cref="Hydra.Cluster.Containers.ContainerException">The stored object is damaged.</exception>
    public static async Task<PreparedInstance> PrepareAsync(DecryptedImage image, CancellationToken cancellationToken)
    {
        if (image.Entry.Size > MaxBufferedBytes)
        {
            return Streaming(image);
        }

        using (image)
        {
            var buffer = new PlaintextBuffer((int)image.Entry.Size);
            try
            {
                await image.CopyToAsync(buffer, cancellationToken);
                return new PreparedInstance(image.Entry, null, buffer);
            }
            catch
            {
                await buffer.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Writes the instance as stored (PS3.10) to <paramref name="destination"/>.</summary>
    public Task CopyToAsync(Stream destination, CancellationToken cancellationToken) =>
        Buffered is not null
            ? destination.WriteAsync(Buffered.Written, cancellationToken).AsTask()
            : Streamed!.CopyToAsync(destination, cancellationToken);

    /// <summary>Zeroes the key, or clears the buffer.</summary>
    public void Dispose()
    {
        Streamed?.Dispose();
        Buffered?.Dispose();
    }
}
