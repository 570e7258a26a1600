using Hydra.Sharing;

namespace Hydra.Cli.Commands.Shares;

/// <summary>Reads the secret to split: every byte of stdin or a file, as given (no newline is stripped).</summary>
internal static class SecretInput
{
    public static async Task<byte[]> ReadAsync(Stream stdin, FileInfo? file, CancellationToken cancellationToken)
    {
        var input = file is null ? stdin : file.OpenRead();
        try
        {
            // Read one byte past the limit so an oversized secret is refused instead of cut.
            var buffer = new byte[SecretEscrow.MaxSecretLength + 1];
            var length = await input.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (length == 0)
            {
                throw new InvalidDataException("The secret is empty: pipe it on stdin or name a file with --in.");
            }

            if (length > SecretEscrow.MaxSecretLength)
            {
                Array.Clear(buffer);
                throw new InvalidDataException($"The secret is larger than {SecretEscrow.MaxSecretLength} bytes; encrypt large data and split its key instead.");
            }

            var secret = buffer[..length];
            Array.Clear(buffer);
            return secret;
        }
        finally
        {
            if (file is not null)
            {
                await input.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
