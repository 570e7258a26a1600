namespace Hydra.Keystore.Storage;

/// <summary>
/// What sealing a data file did: envelopes sealed now, found sealed (an earlier run), verified in the final pass, and
/// whether the file was already marked sealed (then there is no clear envelope left to purge with <see cref="SealedCopy"/>).
/// </summary>
internal sealed record SealMigrationReport(long Sealed, long AlreadySealed, long Verified, int Batches, bool WasMarkedSealed);
