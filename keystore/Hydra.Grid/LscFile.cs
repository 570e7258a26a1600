namespace Hydra.Grid;

/// <summary>
/// A VOMS <c>vomsdir/&lt;vo&gt;/&lt;host&gt;.lsc</c> file: for each accepted AA certificate chain, the DNs from the
/// AA certificate's subject up to the root CA, one slash-form DN a line (consecutive lines are subject and issuer).
/// Chains are separated by a <c>------ NEXT CHAIN ------</c> line (spaces optional, as VOMS C and Java differ).
/// </summary>
internal sealed record LscFile(string Vo, string Host, IReadOnlyList<IReadOnlyList<DistinguishedName>> Chains)
{
    public static LscFile Read(string path, string vo)
    {
        var chains = new List<IReadOnlyList<DistinguishedName>>();
        var current = new List<DistinguishedName>();
        foreach (var rawLine in File.ReadLines(path))
        {
            var line = rawLine.Trim();
            if (line.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("------NEXTCHAIN------", StringComparison.OrdinalIgnoreCase))
            {
                AddChain(chains, current, path);
                current = [];
            }
            else if (line.StartsWith('/'))
            {
                current.Add(Parse(line, path));
            }
        }

        AddChain(chains, current, path);
        return new LscFile(vo, Path.GetFileNameWithoutExtension(path), chains);
    }

    /// <summary>True when the embedded AA chain (AA first) matches one listed chain pair by pair.</summary>
    public bool Matches(IReadOnlyList<(DistinguishedName Subject, DistinguishedName Issuer)> embedded) =>
        Chains.Any(chain => chain.Count >= embedded.Count + 1
            && embedded.Select((pair, i) => pair.Subject.Equals(chain[i]) && pair.Issuer.Equals(chain[i + 1])).All(ok => ok));

    private static void AddChain(List<IReadOnlyList<DistinguishedName>> chains, List<DistinguishedName> chain, string path)
    {
        if (chain.Count == 0)
        {
            return;
        }

        if (chain.Count < 2)
        {
            throw new GridCredentialException(GridCredentialError.Malformed,
                $"The VOMS file '{path}' lists a chain with one DN; a chain needs the AA subject and its issuer.");
        }

        chains.Add(chain);
    }

    private static DistinguishedName Parse(string line, string path)
    {
        try
        {
            return DistinguishedName.Parse(line);
        }
        catch (FormatException exception)
        {
            throw new GridCredentialException(GridCredentialError.Malformed, $"The VOMS file '{path}' has an invalid DN line.", exception);
        }
    }
}
