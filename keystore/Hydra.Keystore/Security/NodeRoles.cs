using Hydra.Access;
using Hydra.Keystore.Options;

namespace Hydra.Keystore.Security;

/// <summary>Node-level roles from configuration: who may create keys, administer them, and read the audit trail.</summary>
public sealed class NodeRoles
{
    public const string CreatorRole = "creator";
    public const string AdministratorRole = "administrator";
    public const string AuditorRole = "auditor";
    public const string DelegateRole = "delegate";

    public NodeRoles(
        IReadOnlyList<Principal> creators, IReadOnlyList<Principal> administrators, IReadOnlyList<Principal> auditors, IReadOnlyList<Principal> delegates)
    {
        Creators = creators;
        Administrators = administrators;
        Auditors = auditors;
        Delegates = delegates;
    }

    public IReadOnlyList<Principal> Creators { get; }

    public IReadOnlyList<Principal> Administrators { get; }

    public IReadOnlyList<Principal> Auditors { get; }

    public IReadOnlyList<Principal> Delegates { get; }

    /// <summary>Parses the configured principals; the exception lists every one that is malformed.</summary>
    public static NodeRoles From(KeystoreRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var roles = new NodeRoles(
            ParseAll("Creators", options.Creators, errors),
            ParseAll("Administrators", options.Administrators, errors),
            ParseAll("Auditors", options.Auditors, errors),
            ParseAll("Delegates", options.Delegates, errors));
        if (errors.Count > 0)
        {
            throw new FormatException(string.Join(" ", errors));
        }

        return roles;
    }

    private static List<Principal> ParseAll(string setting, IEnumerable<string> texts, List<string> errors)
    {
        var principals = new List<Principal>();
        foreach (var text in texts)
        {
            if (Principal.TryParse(text, out var principal, out var error))
            {
                principals.Add(principal);
            }
            else
            {
                errors.Add($"Keystore:Roles:{setting}: {error}");
            }
        }

        return principals;
    }

    /// <summary>
    /// With no creators configured, any authenticated person may create keys; a host only when it is configured as one.
    /// </summary>
    public bool IsCreator(CallerIdentity caller) => Creators.Count == 0 ? !caller.IsHost : Creators.Any(p => p.Matches(caller));

    public bool IsAdministrator(CallerIdentity caller) => Administrators.Any(p => p.Matches(caller));

    public bool IsAuditor(CallerIdentity caller) => Auditors.Any(p => p.Matches(caller));

    /// <summary>Whether <paramref name="caller"/> may act for readers. Judged on the caller itself, never on a delegated identity.</summary>
    public bool IsDelegate(CallerIdentity caller) => caller.Delegate is null && Delegates.Any(p => p.Matches(caller));

    /// <summary>The role names <paramref name="caller"/> holds, for NodeInfo.</summary>
    public IReadOnlyList<string> RolesOf(CallerIdentity caller)
    {
        var roles = new List<string>(4);
        if (IsCreator(caller))
        {
            roles.Add(CreatorRole);
        }

        if (IsAdministrator(caller))
        {
            roles.Add(AdministratorRole);
        }

        if (IsAuditor(caller))
        {
            roles.Add(AuditorRole);
        }

        if (IsDelegate(caller))
        {
            roles.Add(DelegateRole);
        }

        return roles;
    }
}
