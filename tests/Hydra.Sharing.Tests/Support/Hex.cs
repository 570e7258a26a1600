namespace Hydra.Sharing.Tests.Support;

/// <summary>Hex helpers for readable test vectors.</summary>
public static class Hex
{
    /// <summary>Decodes hex, ignoring spaces.</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

    /// <summary>Every k-subset of <paramref name="items"/>, in lexicographic order of positions.</summary>
    public static IEnumerable<T[]> Subsets<T>(IReadOnlyList<T> items, int k)
    {
        if (k == 0)
        {
            yield return [];
            yield break;
        }

        for (var first = 0; first <= items.Count - k; first++)
        {
            foreach (var rest in Subsets(items.Skip(first + 1).ToList(), k - 1))
            {
                yield return [items[first], .. rest];
            }
        }
    }
}
