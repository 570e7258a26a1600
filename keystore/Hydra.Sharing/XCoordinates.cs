using System.Security.Cryptography;

namespace Hydra.Sharing;

/// <summary>Draws distinct, non-zero share x coordinates uniformly at random (OpenBao's fix of Vault's math/rand).</summary>
internal static class XCoordinates
{
    /// <summary>The first <paramref name="count"/> entries of a uniform random permutation of 1..255.</summary>
    public static byte[] Draw(int count, RandomNumberGenerator random)
    {
        Span<byte> candidates = stackalloc byte[255];
        for (var i = 0; i < candidates.Length; i++)
        {
            candidates[i] = (byte)(i + 1);
        }

        // Partial Fisher-Yates: position i takes a uniform pick among the candidates not yet placed.
        for (var i = 0; i < count; i++)
        {
            var j = i + UniformBelow(candidates.Length - i, random);
            (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
        }

        return candidates[..count].ToArray();
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), bound at most 256, by rejection sampling.</summary>
    internal static int UniformBelow(int bound, RandomNumberGenerator random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bound, 256);

        // Accept only bytes below the largest multiple of bound, so every residue is equally likely.
        var limit = 256 - (256 % bound);
        Span<byte> draw = stackalloc byte[1];
        while (true)
        {
            random.GetBytes(draw);
            if (draw[0] < limit)
            {
                return draw[0] % bound;
            }
        }
    }
}
