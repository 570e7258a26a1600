using Hydra.Audit;
using Hydra.CertsDev;
using Hydra.Cluster;
using Hydra.Keystore.Contract;
using Hydra.Testing;
using Hydra.Testing.Cluster;

namespace Hydra.Keystore.Tests.Tokens;

/// <summary>Assertions the token tests share.</summary>
public static class TokenAssert
{
    /// <summary>No node holds <paramref name="id"/> (the administrator's ACL read finds it nowhere).</summary>
    public static async Task NotStoredAsync(TestCluster cluster, KeyId id)
    {
        var error = await Assert.ThrowsAsync<ClusterException>(() => cluster.ConnectAs(DevUser.Admin).GetAclAsync(id, CancellationToken.None).DefaultTimeout());
        Assert.Equal(cluster.NodeCount, error.Failures.Count);
        Assert.All(error.Failures, f => Assert.Equal(NodeFailureKind.NotFound, f.Kind));
    }

    /// <summary>Whether any field of <paramref name="entry"/> holds <paramref name="token"/> or its signature.</summary>
    public static bool Mentions(AuditEntry entry, string token)
    {
        var signature = token[(token.LastIndexOf('.') + 1)..];
        string[] fields = [entry.Subject, entry.Issuer, entry.Reason, entry.Delegate, entry.Peer, entry.KeyId, .. entry.Fqans];
        return fields.Any(f => f.Contains(token, StringComparison.Ordinal) || (signature.Length > 16 && f.Contains(signature, StringComparison.Ordinal)));
    }

    /// <summary>
    /// The refusal record of <paramref name="nodeId"/>'s trail for the token whose <c>jti</c> is <paramref name="jti"/>
    /// (or, when the token is unreadable, the last refusal under <paramref name="claimedSubject"/>).
    /// </summary>
    public static AuditEntry Refusal(IReadOnlyList<AuditEntry> trail, string claimedSubject, string? jti, string reason)
    {
        var refusals = trail.Where(e => e.Outcome == AuditEntry.Denied && e.Subject == claimedSubject
            && (jti is null || e.Issuer == "jti:" + jti) && e.Reason.Contains(reason, StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Count > 0, $"No denied record for {claimedSubject} with reason {reason}; last records: "
            + string.Join(" | ", trail.TakeLast(5).Select(e => $"{e.Subject} {e.Issuer} {e.Outcome} {e.Reason}")));
        return refusals[^1];
    }
}
