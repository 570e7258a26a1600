namespace Hydra.Dicom.Deidentification;

/// <summary>
/// One row of PS3.15 Table E.1-1. A row matches a tag when <c>(tag &amp; Mask) == Value</c>, so pattern rows such as
/// (50xx,xxxx) Curve Data, (60xx,3000) Overlay Data and the odd-group Private Attributes row are masks.
/// </summary>
/// <param name="Value">The tag value with wildcard digits set to 0.</param>
/// <param name="Mask">Bits of the tag value that must match.</param>
/// <param name="Basic">The basic profile action.</param>
/// <param name="OptionCodes">One character per option column in <see cref="ConfidentialityOptions"/> order: K, C or '-'.</param>
/// <param name="Name">The attribute name in the table.</param>
/// <param name="InStandardIod">The table's "In Std. Comp. IOD" column.</param>
internal sealed record ConfidentialityProfileRow(uint Value, uint Mask, ProfileAction Basic, string OptionCodes, string Name, bool InStandardIod)
{
    /// <summary>True for rows that stand for many tags.</summary>
    public bool IsPattern => Mask != uint.MaxValue;

    /// <summary>True when <paramref name="tag"/> is this row's tag or matches its pattern.</summary>
    public bool Matches(DicomTag tag) => (tag.Value & Mask) == Value;

    /// <summary>The action of one option column; <see cref="ProfileAction.None"/> when the column is empty.</summary>
    public ProfileAction OptionAction(ConfidentialityOptions option)
    {
        var index = System.Numerics.BitOperations.TrailingZeroCount((uint)option);
        return OptionCodes[index] switch
        {
            'K' => ProfileAction.K,
            'C' => ProfileAction.C,
            _ => ProfileAction.None,
        };
    }

    /// <summary>
    /// The action under <paramref name="options"/>: an enabled option's C wins over another's K (the less revealing
    /// action; this only matters for device calibration dates under Retain Device Identity with Modified Dates), an
    /// option's action wins over the basic profile.
    /// </summary>
    public ProfileAction ActionFor(ConfidentialityOptions options)
    {
        var result = ProfileAction.None;
        for (var bits = (uint)options; bits != 0; bits &= bits - 1)
        {
            var action = OptionAction((ConfidentialityOptions)(bits & (~bits + 1)));
            if (action == ProfileAction.C || (action == ProfileAction.K && result == ProfileAction.None))
            {
                result = action;
            }
        }

        return result == ProfileAction.None ? Basic : result;
    }
}
