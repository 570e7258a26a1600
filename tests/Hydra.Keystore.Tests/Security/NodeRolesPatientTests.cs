using Hydra.Access;
using Hydra.Grid;
using Hydra.Keystore.Options;
using Hydra.Keystore.Security;

namespace Hydra.Keystore.Tests.Security;

/// <summary>The patient-delegate role: configured by name only, judged on the caller itself, and no role for a patient.</summary>
public sealed class NodeRolesPatientTests
{
    private const string Bridge = "/DC=org/DC=hydra-dev/O=Hospital/CN=bridge.hydra.test";

    private static CallerIdentity Host(string subject) =>
        new(DistinguishedName.Parse(subject), DistinguishedName.Parse("/DC=org/CN=CA"), [], 0, false, DateTimeOffset.MaxValue, "127.0.0.1:1") { IsHost = true };

    private static CallerIdentity Patient(string? @delegate = Bridge) =>
        new(new DistinguishedName([]), new DistinguishedName([]), [], 0, false, DateTimeOffset.MaxValue, "127.0.0.1:1", @delegate)
        { Patient = new PatientPseudonym("HYD-01") };

    [Fact]
    public void PatientDelegates_DefaultsToNobody()
    {
        var roles = NodeRoles.From(new KeystoreRoleOptions { Delegates = ["dn:" + Bridge] });

        Assert.Empty(roles.PatientDelegates);
        Assert.False(roles.IsPatientDelegate(Host(Bridge)));
        Assert.True(roles.IsDelegate(Host(Bridge)));
    }

    [Fact]
    public void PatientDelegate_IsJudgedOnTheCallerItself_AndListedInNodeInfo()
    {
        var roles = NodeRoles.From(new KeystoreRoleOptions { PatientDelegates = ["dn:" + Bridge] });

        Assert.True(roles.IsPatientDelegate(Host(Bridge)));
        Assert.False(roles.IsPatientDelegate(Host(Bridge) with { Delegate = "/DC=org/CN=other" }));
        Assert.Contains(NodeRoles.PatientDelegateRole, roles.RolesOf(Host(Bridge)));
        Assert.DoesNotContain(NodeRoles.DelegateRole, roles.RolesOf(Host(Bridge)));
    }

    [Fact]
    public void Patient_HoldsNoRole_EvenWhereRolesAreOpen()
    {
        // No creators configured opens creation to any person; "any" auditors would open the trail to every person.
        var roles = NodeRoles.From(new KeystoreRoleOptions { Auditors = ["any"], Administrators = ["any"] });

        Assert.Empty(roles.RolesOf(Patient()));
        Assert.False(roles.IsCreator(Patient()));
        Assert.False(roles.IsAuditor(Patient()));
    }

    [Theory]
    [InlineData("any", "'any' would let every user vouch for any patient")]
    [InlineData("patient:HYD-01", "names a patient, who holds no node role")]
    [InlineData("dn:not a dn", "Keystore:Roles:PatientDelegates: Principal 'dn:not a dn'")]
    public void BadPatientDelegate_FailsNamingTheSettingAndTheEntry(string entry, string message)
    {
        var error = Assert.Throws<FormatException>(() => NodeRoles.From(new KeystoreRoleOptions { PatientDelegates = [entry] }));

        Assert.Contains("Keystore:Roles:PatientDelegates", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PatientPrincipal_InAnotherRole_IsRefused()
    {
        var error = Assert.Throws<FormatException>(() => NodeRoles.From(new KeystoreRoleOptions { Auditors = ["patient:HYD-01"] }));

        Assert.Contains("Keystore:Roles:Auditors: 'patient:HYD-01' names a patient", error.Message, StringComparison.Ordinal);
    }
}
