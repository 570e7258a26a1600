using Hydra.Access;
using Hydra.Grid;

namespace Hydra.Keystore.Tests.Support;

/// <summary>Caller identities as the node would have authenticated them, for tests of decisions (no TLS involved).</summary>
internal static class Callers
{
    private static readonly DistinguishedName Issuer = DistinguishedName.Parse("/DC=org/DC=hydra-test/CN=Test CA");

    public static readonly CallerIdentity Clinician = Of("/DC=org/DC=hydra-test/O=Hospital/CN=Claire Clinician", "/hospital/radiology/Role=clinician");

    public static readonly CallerIdentity Reader = Of("/DC=org/DC=hydra-test/O=Hospital/CN=Alice Reader", "/hospital/radiology");

    public static readonly CallerIdentity Researcher = Of("/DC=org/DC=hydra-test/O=Biomed/CN=Rob Researcher", "/biomed/imaging");

    public static readonly CallerIdentity Admin = Of("/DC=org/DC=hydra-test/O=Hospital/CN=Ada Admin", "/hospital/keystore/Role=admin");

    /// <summary>A keystore node's host credential: a service, which <c>any</c> never covers.</summary>
    public static readonly CallerIdentity Node2 = Of("/DC=org/DC=hydra-test/O=Hydra/CN=node2.hydra-test.org") with { IsHost = true };

    /// <summary>An end-entity caller named by its slash DN, with the given validated FQANs.</summary>
    public static CallerIdentity Of(string subject, params string[] fqans) => new(
        DistinguishedName.Parse(subject), Issuer, [.. fqans.Select(Fqan.Parse)], 0, false, DateTimeOffset.MaxValue, "127.0.0.1:40000");

    /// <summary>The same caller through a Globus limited proxy.</summary>
    public static CallerIdentity AsLimitedProxy(this CallerIdentity caller) => caller with { ProxyDepth = 1, IsLimited = true };

    /// <summary>The <c>dn:</c> principal naming the caller.</summary>
    public static string Dn(this CallerIdentity caller) => "dn:" + caller.SubjectText;
}
