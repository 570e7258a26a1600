namespace Hydra.Bridge.DicomWeb.Qido;

/// <summary>
/// The texts of the <c>Warning: 299 {service}: ...</c> headers PS3.18 prescribes for what a search could not honour.
/// </summary>
internal static class QidoWarnings
{
    /// <summary>PS3.18 8.3.4.2: fuzzymatching=true on a server without fuzzy matching.</summary>
    public const string FuzzyMatching = "The fuzzymatching parameter is not supported. Only literal matching has been performed.";

    /// <summary>PS3.18 8.3.4.5: emptyvaluematching=true on a server without Empty Value Matching.</summary>
    public const string EmptyValueMatching = "The emptyvaluematching parameter is not supported. Empty Value Matching has not been performed.";

    /// <summary>PS3.18 8.3.4.6: multiplevaluematching=true on a server without Multiple Value Matching.</summary>
    public const string MultipleValueMatching = "The multiplevaluematching parameter is not supported. Multiple Value Matching has not been performed.";

    /// <summary>PS3.18 8.3.4.4: more matches than the server returns at once.</summary>
    public const string TooManyResults = "The number of results exceeded the maximum supported by the server. Additional results can be requested.";

    /// <summary>The header value as PS3.18 writes it: "299 {service}: {text}" (unquoted, unlike RFC 7234's warn-text).</summary>
    public static string Header(string service, string text) => $"299 {service}: {text}";
}
