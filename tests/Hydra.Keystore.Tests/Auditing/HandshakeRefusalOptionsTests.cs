using Hydra.Keystore.Options;

namespace Hydra.Keystore.Tests.Auditing;

/// <summary>The refusal interval is validated at start-up like the node's other settings.</summary>
public sealed class HandshakeRefusalOptionsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(86_401.0)]
    [InlineData(double.NaN)]
    public void Validate_IntervalOutOfRange_FailureNamesTheSetting(double seconds)
    {
        var options = new KeystoreOptions { Audit = { HandshakeRefusalIntervalSeconds = seconds } };

        var result = new KeystoreOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures ?? [], f => f.StartsWith("Keystore:Audit:HandshakeRefusalIntervalSeconds ", StringComparison.Ordinal));
    }

    [Fact]
    public void Default_Interval_IsSixtySecondsAndValid()
    {
        var options = new KeystoreOptions();

        var result = new KeystoreOptionsValidator().Validate(null, options);

        Assert.Equal(60, options.Audit.HandshakeRefusalIntervalSeconds);
        Assert.DoesNotContain(result.Failures ?? [], f => f.Contains("HandshakeRefusalIntervalSeconds", StringComparison.Ordinal));
    }
}
