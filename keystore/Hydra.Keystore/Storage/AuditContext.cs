using Hydra.Access;
namespace Hydra.Keystore.Storage;

/// <summary>Who asked for which operation on which key: everything an audit record needs besides the outcome.</summary>
internal sealed record AuditContext(CallerIdentity Caller, string Operation, string KeyId);
