using Hydra.Access;

namespace Hydra.Keystore.Contract;

/// <summary>One key a node lists for the caller: its id, owner, the caller's permissions on it, and when it was made.</summary>
public sealed record KeyListing(string KeyId, string Owner, KeyPermissions Permissions, DateTimeOffset Created);
