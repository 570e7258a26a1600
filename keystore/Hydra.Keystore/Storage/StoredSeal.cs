using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Storage;

/// <summary>
/// The data file's seal document: its wrapped data key and whether every envelope is sealed (<see cref="Sealed"/>)
/// or a migration is under way (<see cref="Sealing"/>). Layout: FORMAT.md.
/// </summary>
internal sealed record StoredSeal(WrappedDataKey Key, string State, DateTimeOffset Created)
{
    public const string DocumentId = "data-key";
    public const int FormatVersion = 1;
    public const string Sealed = "sealed";
    public const string Sealing = "sealing";
}
