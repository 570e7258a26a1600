using Hydra.Access;
using Hydra.Bridge.Options;

namespace Hydra.Bridge.Tests.Patients;

/// <summary><c>Bridge:Patients</c>: mistakes are named at start; the grant rule is the patient's own principal.</summary>
public sealed class PatientOptionsTests
{
    [Fact]
    public void Validate_WithdrawWithoutResearchPrincipalsAndBadValues_NamesEachMistake()
    {
        // Arrange
        var options = new BridgePatientOptions { Grant = "gq", IssuerOfPatientId = "A\\B", MayWithdraw = true };
        var failures = new List<string>();

        // Act
        options.Validate(failures);
        new BridgePatientOptions { ResearchPrincipals = ["research"] }.Validate(failures);

        // Assert
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Bridge:Patients:Grant 'gq'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bridge:Patients:IssuerOfPatientId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bridge:Patients:ResearchPrincipals must name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Bridge:Patients:ResearchPrincipals: 'research'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("r")]
    public void Validate_WithdrawWithoutGetShareGrant_IsNamed(string grant)
    {
        // Arrange
        var options = new BridgePatientOptions { Grant = grant, MayWithdraw = true, ResearchPrincipals = ["fqan:/research"] };
        var failures = new List<string>();

        // Act
        options.Validate(failures);

        // Assert
        Assert.Equal("Bridge:Patients:Grant must include 'g' (GetShare) when MayWithdraw is true: the keystore nodes let a patient withdraw only from keys they may read.", Assert.Single(failures));
    }

    [Fact]
    public void Validate_Defaults_AreValidAndGrantTheGetShareToThePatient()
    {
        // Arrange
        var options = new BridgePatientOptions();
        var failures = new List<string>();
        var patient = new PatientPseudonym("HYD-0123456789ABCDEFGHJKMNPQRS");

        // Act
        options.Validate(failures);

        // Assert
        Assert.Empty(failures);
        Assert.Equal(new AclEntry(Principal.ForPatient(patient), KeyPermissions.GetShare, Deny: false), options.GrantFor(patient));
        Assert.Null(new BridgePatientOptions { Grant = string.Empty }.GrantFor(patient));
        Assert.False(options.MayWithdraw);
    }
}
