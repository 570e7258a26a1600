namespace Hydra.Sharing;

/// <summary>Enumerates k-element index subsets.</summary>
internal static class Subsets
{
    /// <summary>
    /// The k-subsets of 0..n-1 in lexicographic order, so {0, .., k-1} (the first k received) comes first. Each yielded
    /// array is fresh.
    /// </summary>
    public static IEnumerable<int[]> Lexicographic(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        var current = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return (int[])current.Clone();

            // Advance the rightmost index that still has room, then reset the ones after it.
            var i = k - 1;
            while (i >= 0 && current[i] == n - k + i)
            {
                i--;
            }

            if (i < 0)
            {
                yield break;
            }

            current[i]++;
            for (var j = i + 1; j < k; j++)
            {
                current[j] = current[j - 1] + 1;
            }
        }
    }
}
