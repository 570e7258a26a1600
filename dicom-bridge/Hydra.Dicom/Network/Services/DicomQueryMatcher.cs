using Hydra.Dicom.Dictionary;

namespace Hydra.Dicom.Network.Services;

/// <summary>
/// Attribute matching for C-FIND (PS3.4 C.2.2.2): every non-empty key of the identifier must match the candidate.
/// Supports single value matching, universal matching (empty value, or "*"), wildcard matching with "*" and "?" (for
/// AE, CS, LO, LT, PN, SH, ST, UC, UR, UT), range matching of DA, TM and DT ("a-b", "-b", "a-"), list of UID matching,
/// multiple values in a key (any may match) or in the candidate (any may be matched), and sequence matching (an
/// item of the candidate's sequence must match every key of the query item). PN values match case-insensitively.
/// </summary>
public static class DicomQueryMatcher
{
    /// <summary>True when <paramref name="candidate"/> matches every matching key of <paramref name="identifier"/>.</summary>
    public static bool Matches(DicomDataset identifier, DicomDataset candidate)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(candidate);
        foreach (var key in identifier)
        {
            if (IsReturnOnly(key.Tag))
            {
                continue;
            }

            var matched = key switch
            {
                DicomSequence sequence => MatchesSequence(sequence, candidate.GetSequence(key.Tag)),
                DicomValueElement value => MatchesValue(value, candidate[key.Tag] as DicomValueElement),
                _ => true,
            };
            if (!matched)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The response identifier for a match (PS3.4 C.4.1.2.2.1): every key of the query, with the candidate's value or
    /// empty when it has none; sequences projected onto the query item's keys; Specific Character Set of the candidate.
    /// </summary>
    public static DicomDataset CreateResponse(DicomDataset identifier, DicomDataset candidate)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        ArgumentNullException.ThrowIfNull(candidate);
        var response = new DicomDataset();
        if (candidate[DicomTags.SpecificCharacterSet] is { } characterSet)
        {
            response.Set(characterSet.Clone());
        }

        foreach (var key in identifier)
        {
            if (key.Tag == DicomTags.SpecificCharacterSet || key.Tag.IsGroupLength)
            {
                continue;
            }

            if (key.Tag == DicomTags.QueryRetrieveLevel)
            {
                response.Set(key.Clone());
                continue;
            }

            response.Set(Project(key, candidate[key.Tag]));
        }

        return response;
    }

    private static DicomElement Project(DicomElement key, DicomElement? value)
    {
        if (key is DicomSequence query)
        {
            if (value is not DicomSequence found)
            {
                return new DicomSequence(key.Tag);
            }

            if (query.Items.Count == 0 || query.Items[0].Count == 0)
            {
                return found.Clone();
            }

            return new DicomSequence(key.Tag, found.Items.Select(item => CreateResponse(query.Items[0], item)));
        }

        return value?.Clone() ?? new DicomValueElement(key.Tag, key.VR, ReadOnlyMemory<byte>.Empty);
    }

    private static bool IsReturnOnly(DicomTag tag) =>
        tag.IsGroupLength || tag == DicomTags.SpecificCharacterSet || tag == DicomTags.QueryRetrieveLevel;

    private static bool MatchesSequence(DicomSequence query, DicomSequence? candidate)
    {
        if (query.Items.Count == 0 || query.Items[0].Count == 0)
        {
            return true;
        }

        return candidate is not null && candidate.Items.Any(item => Matches(query.Items[0], item));
    }

    private static bool MatchesValue(DicomValueElement key, DicomValueElement? candidate)
    {
        if (key.IsEmpty || !key.VR.IsText())
        {
            return key.IsEmpty || (candidate is not null && candidate.Value.Span.SequenceEqual(key.Value.Span));
        }

        var keys = key.GetStrings();
        if (keys.All(k => k.Length == 0) || (keys.Length == 1 && keys[0] == "*" && SupportsWildcards(key.VR)))
        {
            return true;
        }

        if (candidate is null || candidate.IsEmpty || !candidate.VR.IsText())
        {
            return false;
        }

        var values = candidate.GetStrings();
        return keys.Any(k => values.Any(v => MatchesOne(key.VR, k, v)));
    }

    private static bool MatchesOne(DicomVR vr, string key, string value)
    {
        if (vr is DicomVR.DA or DicomVR.TM or DicomVR.DT)
        {
            return DicomRangeMatcher.Matches(vr, key, value);
        }

        if (SupportsWildcards(vr) && key.AsSpan().IndexOfAny('*', '?') >= 0)
        {
            return WildcardMatcher.Matches(key, value, ignoreCase: vr == DicomVR.PN);
        }

        return string.Equals(key, value, vr == DicomVR.PN ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }

    private static bool SupportsWildcards(DicomVR vr) =>
        vr is DicomVR.AE or DicomVR.CS or DicomVR.LO or DicomVR.LT or DicomVR.PN or DicomVR.SH or DicomVR.ST or DicomVR.UC
            or DicomVR.UR or DicomVR.UT;
}
