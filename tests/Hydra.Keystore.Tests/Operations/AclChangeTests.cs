using Hydra.Access;
using Hydra.Audit;
using Hydra.Keystore.Operations;

namespace Hydra.Keystore.Tests.Operations;

/// <summary>The value-free summary an allowed SetAcl writes in its audit record's reason.</summary>
public sealed class AclChangeTests
{
    private static readonly AclEntry Radiology = AclEntry.ParseRule("fqan:/hospital/radiology=g");
    private static readonly AclEntry Patient = AclEntry.ParseRule("patient:HYD-0123456789ABCDEFGHJKMNPQRS=g");
    private static readonly AclEntry ResearchDenied = AclEntry.ParseRule("!fqan:/biomed/imaging=g");

    [Fact]
    public void Summarize_AddedDeny_IsTheRuleWithAPlus()
    {
        var summary = AclChange.Summarize([Radiology, Patient], [Radiology, Patient, ResearchDenied]);

        Assert.Equal("+!fqan:/biomed/imaging=g", summary);
    }

    [Fact]
    public void Summarize_AddedAndRemoved_ListsAddedFirstThenRemoved()
    {
        var summary = AclChange.Summarize([Radiology, ResearchDenied], [Patient, Radiology]);

        Assert.Equal("+patient:HYD-0123456789ABCDEFGHJKMNPQRS=g; -!fqan:/biomed/imaging=g", summary);
    }

    [Fact]
    public void Summarize_SameEntriesInAnotherOrder_IsUnchanged()
    {
        Assert.Equal(AuditOperations.SetAclUnchanged, AclChange.Summarize([Radiology, Patient, ResearchDenied], [ResearchDenied, Radiology, Patient]));
        Assert.Equal(AuditOperations.SetAclUnchanged, AclChange.Summarize([], []));
    }

    [Fact]
    public void Summarize_ManyChanges_IsCutAtTheLimitAndCountsTheRest()
    {
        // Arrange: 100 denies of about 30 characters each are far more than 1024 characters.
        var denies = Enumerable.Range(0, 100).Select(i => AclEntry.ParseRule($"!fqan:/research/group{i:D3}=g")).ToList();

        // Act
        var summary = AclChange.Summarize([Radiology], [Radiology, .. denies]);

        // Assert: whole rules only, then how many are left out; together they account for all 100.
        Assert.True(summary.Length <= AclChange.MaxSummaryLength, summary.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var parts = summary.Split("; ");
        var listed = parts[..^1];
        Assert.All(listed, (part, i) => Assert.Equal(denies[i].ToRule(), part[1..]));
        var left = int.Parse(parts[^1]["... (".Length..^" more)".Length], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(100, listed.Length + left);
        Assert.True(left > 0);
    }
}
