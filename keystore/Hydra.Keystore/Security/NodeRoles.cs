using Hydra.Access;
using Hydra.Keystore.Options;

namespace Hydra.Keystore.Security;

/// <summary>
/// Node-level roles from configuration: who may create keys, administer them, read the audit trail, and act for
/// readers or patients. A patient (a caller a patient delegate names) holds none of them: a patient reaches only the
/// keys whose ACL names them.
/// </summary>
public sealed class NodeRoles
{
    public const string CreatorRole = "creator";
    public const string AdministratorRole = "administrator";
    public const string AuditorRole = "auditor";
    public const string DelegateRole = "delegate";
    public const string PatientDelegateRole = "patient-delegate";

    public NodeRoles(
        IReadOnlyList<Principal> creators,
        IReadOnlyList<Principal> administrators,
        IReadOnlyList<Principal> auditors,
        IReadOnlyList<Principal> delegates,
        IReadOnlyList<Principal> patientDelegates)
    {
        Creators = creators;
        Administrators = administrators;
        Auditors = auditors;
        Delegates = delegates;
        PatientDelegates = patientDelegates;
    }

    public IReadOnlyList<Principal> Creators { get; }

    public IReadOnlyList<Principal> Administrators { get; }

    public IReadOnlyList<Principal> Auditors { get; }

    public IReadOnlyList<Principal> Delegates { get; }

    public IReadOnlyList<Principal> PatientDelegates { get; }

    /// <summary>Parses the configured principals; the exception lists every one that is malformed or not allowed in its role.</summary>
    public static NodeRoles From(KeystoreRoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var roles = new NodeRoles(
            ParseAll("Creators", options.Creators, errors),
            ParseAll("Administrators", options.Administrators, errors),
            ParseAll("Auditors", options.Auditors, errors),
            ParseAll("Delegates", options.Delegates, errors),
            ParseAll("PatientDelegates", options.PatientDelegates, errors, anyAllowed: false));
        if (errors.Count > 0)
        {
            throw new FormatException(string.Join(" ", errors));
        }

        return roles;
    }

    private static List<Principal> ParseAll(string setting, IEnumerable<string> texts, List<string> errors, bool anyAllowed = true)
    {
        var principals = new List<Principal>();
        foreach (var text in texts)
        {
            if (!Principal.TryParse(text, out var principal, out var error))
            {
                errors.Add($"Keystore:Roles:{setting}: {error}");
            }
            else if (principal.Kind == PrincipalKind.Patient)
            {
                errors.Add($"Keystore:Roles:{setting}: '{principal}' names a patient, who holds no node role; patients reach keys through ACLs.");
            }
            else if (principal.Kind == PrincipalKind.Any && !anyAllowed)
            {
                // Whoever holds it may name any patient and receive their keys: it must be a named service.
                errors.Add($"Keystore:Roles:{setting}: 'any' would let every user vouch for any patient; name the service (dn:, fqan: or oidc:).");
            }
            else
            {
                principals.Add(principal);
            }
        }

        return principals;
    }

    /// <summary>
    /// With no creators configured, any authenticated person may create keys; a host only when it is configured as one.
    /// </summary>
    public bool IsCreator(CallerIdentity caller) =>
        caller.Patient is null && (Creators.Count == 0 ? !caller.IsHost : Creators.Any(p => p.Matches(caller)));

    public bool IsAdministrator(CallerIdentity caller) => Holds(Administrators, caller);

    public bool IsAuditor(CallerIdentity caller) => Holds(Auditors, caller);

    /// <summary>Whether <paramref name="caller"/> may act for readers. Judged on the caller itself, never on a delegated identity.</summary>
    public bool IsDelegate(CallerIdentity caller) => caller.Delegate is null && Holds(Delegates, caller);

    /// <summary>Whether <paramref name="caller"/> may act for patients. Judged on the caller itself, never on a delegated identity.</summary>
    public bool IsPatientDelegate(CallerIdentity caller) => caller.Delegate is null && Holds(PatientDelegates, caller);

    private static bool Holds(IReadOnlyList<Principal> role, CallerIdentity caller) =>
        caller.Patient is null && role.Any(p => p.Matches(caller));

    /// <summary>The role names <paramref name="caller"/> holds, for NodeInfo.</summary>
    public IReadOnlyList<string> RolesOf(CallerIdentity caller)
    {
        var roles = new List<string>(5);
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

        if (IsPatientDelegate(caller))
        {
            roles.Add(PatientDelegateRole);
        }

        return roles;
    }
}
