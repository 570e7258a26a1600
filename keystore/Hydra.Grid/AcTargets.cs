using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;

namespace Hydra.Grid;

/// <summary>
/// Reads the host names of an AC targetInformation extension (RFC 3281 §4.3.2). VOMS wraps every Target in one more
/// SEQUENCE than the standard (voms-api-java parses it by hand for this reason), so the walk accepts both shapes:
/// nested SEQUENCEs down to <c>[0] targetName GeneralName</c> entries. Group and certificate targets name no host
/// and are skipped.
/// </summary>
internal static class AcTargets
{
    private const int MaxDepth = 4;

    public static IReadOnlyList<string> Read(Asn1Object value)
    {
        var names = new List<string>();
        Walk(value, names, 0);
        return names;
    }

    private static void Walk(Asn1Encodable element, List<string> names, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException("targetInformation is nested too deeply");
        }

        switch (element)
        {
            case Asn1Sequence sequence:
                foreach (var child in sequence)
                {
                    Walk(child, names, depth + 1);
                }

                break;
            case Asn1TaggedObject { TagNo: 0 } targetName:
                var name = GeneralName.GetInstance(targetName.GetExplicitBaseObject());
                if (name.TagNo is GeneralName.UniformResourceIdentifier or GeneralName.DnsName)
                {
                    names.Add(((IAsn1String)name.Name).GetString());
                }

                break;
            case Asn1TaggedObject { TagNo: 1 or 2 }:
                break;
            default:
                throw new ArgumentException("unexpected element in targetInformation");
        }
    }
}
