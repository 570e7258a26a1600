using System.Security.Cryptography;

namespace Hydra.Sharing;

/// <summary>
/// Shamir secret sharing over GF(2^8), byte by byte, in the HashiCorp Vault share layout: the y bytes followed by
/// one x byte. Shares interoperate with Vault and the npm package shamir-secret-sharing.
/// </summary>
/// <remarks>
/// Raw shares carry no integrity: a flipped bit silently changes the secret. Use <see cref="KeySplitter"/> and
/// <see cref="KeyReconstructor"/> (tagged envelopes) or <see cref="SecretEscrow"/> (sealed shares) to detect bad shares.
/// </remarks>
public static class Shamir
{
    /// <summary>The smallest threshold: a threshold of 1 would make every share a copy of the secret.</summary>
    public const int MinThreshold = 2;

    /// <summary>The largest share count: x coordinates are the 255 non-zero field elements.</summary>
    public const int MaxShares = 255;

    /// <summary>Secret bytes shared per batch of coefficients drawn from the random source.</summary>
    private const int BatchLength = 256;

    private static readonly RandomNumberGenerator DefaultRandom = RandomNumberGenerator.Create();

    /// <summary>
    /// Splits <paramref name="secret"/> into <paramref name="shareCount"/> shares, any <paramref name="threshold"/> of
    /// which rebuild it. Each share is <c>secret.Length + 1</c> bytes.
    /// </summary>
    /// <param name="rng">The random source for x coordinates and coefficients; defaults to the system CSPRNG.</param>
    public static byte[][] Split(ReadOnlySpan<byte> secret, int shareCount, int threshold, RandomNumberGenerator? rng = null)
    {
        ValidateParameters(shareCount, threshold);
        if (secret.IsEmpty)
        {
            throw new ArgumentException("The secret must not be empty.", nameof(secret));
        }

        rng ??= DefaultRandom;
        var xs = XCoordinates.Draw(shareCount, rng);
        var shares = new byte[shareCount][];
        for (var i = 0; i < shareCount; i++)
        {
            shares[i] = new byte[secret.Length + 1];
            shares[i][secret.Length] = xs[i];
        }

        var degree = threshold - 1;
        var coefficients = new byte[BatchLength * degree];
        try
        {
            for (var start = 0; start < secret.Length; start += BatchLength)
            {
                var count = Math.Min(BatchLength, secret.Length - start);
                var batch = coefficients.AsSpan(0, count * degree);
                rng.GetBytes(batch);
                for (var k = 0; k < count; k++)
                {
                    // One fresh polynomial per secret byte; every coefficient uniform over all 256 values, the leading
                    // one included (forcing it non-zero leaks, see Privy PVY-01-002 and its revert).
                    var polynomial = batch.Slice(k * degree, degree);
                    for (var i = 0; i < shareCount; i++)
                    {
                        shares[i][start + k] = Evaluate(secret[start + k], polynomial, xs[i]);
                    }
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(coefficients);
        }

        return shares;
    }

    /// <summary>
    /// Rebuilds the secret from raw shares. Stricter than Vault and npm: refuses fewer than <paramref name="threshold"/>
    /// shares, x = 0, duplicate x and unequal lengths. It cannot detect a wrong or tampered share.
    /// </summary>
    /// <exception cref="ShareException">The shares cannot be combined; the message names the shares by position.</exception>
    public static byte[] Combine(IReadOnlyList<byte[]> shares, int threshold)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ValidateThreshold(threshold);
        if (shares.Count < threshold)
        {
            throw new ShareException(
                ShareErrorReason.TooFewShares, $"Got {shares.Count} share(s) but the threshold is {threshold}.");
        }

        var length = shares[0]?.Length ?? throw new ArgumentException("Share 1 is null.", nameof(shares));
        var xs = new byte[shares.Count];
        var ys = new ReadOnlyMemory<byte>[shares.Count];
        for (var i = 0; i < shares.Count; i++)
        {
            var share = shares[i] ?? throw new ArgumentException($"Share {i + 1} is null.", nameof(shares));
            if (share.Length < 2 || share.Length != length)
            {
                throw new ShareException(
                    ShareErrorReason.LengthMismatch,
                    $"Share {i + 1} is {share.Length} bytes but share 1 is {length}; shares are equal in length and at least 2 bytes.");
            }

            xs[i] = share[^1];
            ys[i] = share.AsMemory(0, share.Length - 1);
        }

        CheckCoordinates(xs, i => $"share {i + 1}");
        var secret = new byte[length - 1];
        Interpolate(xs, ys, secret);
        return secret;
    }

    /// <summary>Throws a caller-bug exception unless 2 &lt;= threshold &lt;= shareCount &lt;= 255.</summary>
    internal static void ValidateParameters(int shareCount, int threshold)
    {
        ValidateThreshold(threshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shareCount, MaxShares);
        ArgumentOutOfRangeException.ThrowIfLessThan(shareCount, threshold);
    }

    /// <summary>Refuses x = 0 and duplicate x, naming shares through <paramref name="describe"/>.</summary>
    internal static void CheckCoordinates(ReadOnlySpan<byte> xs, Func<int, string> describe)
    {
        Span<int> firstIndexOf = stackalloc int[256];
        firstIndexOf.Fill(-1);
        for (var i = 0; i < xs.Length; i++)
        {
            if (xs[i] == 0)
            {
                throw new ShareException(
                    ShareErrorReason.ZeroX,
                    $"{Capitalize(describe(i))} has x = 0, the secret's own position; such a share is forged or corrupt.",
                    [describe(i)]);
            }

            if (firstIndexOf[xs[i]] >= 0)
            {
                var first = describe(firstIndexOf[xs[i]]);
                throw new ShareException(
                    ShareErrorReason.DuplicateX,
                    $"{Capitalize(first)} and {describe(i)} have the same x coordinate ({xs[i]}).",
                    [first, describe(i)]);
            }

            firstIndexOf[xs[i]] = i;
        }
    }

    /// <summary>
    /// Lagrange interpolation at x = 0: <c>secret[k] = XOR_i y_i[k] * basis_i</c>. The basis values depend only on the
    /// public x coordinates; secret bytes meet only the constant-time multiply. xs must be non-zero and distinct.
    /// </summary>
    internal static void Interpolate(ReadOnlySpan<byte> xs, IReadOnlyList<ReadOnlyMemory<byte>> ys, Span<byte> secret)
    {
        Span<byte> basis = stackalloc byte[xs.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            byte numerator = 1;
            byte denominator = 1;
            for (var j = 0; j < xs.Length; j++)
            {
                if (j != i)
                {
                    numerator = GaloisField.Multiply(numerator, xs[j]);
                    denominator = GaloisField.Multiply(denominator, (byte)(xs[i] ^ xs[j]));
                }
            }

            basis[i] = GaloisField.Divide(numerator, denominator);
        }

        secret.Clear();
        for (var i = 0; i < xs.Length; i++)
        {
            var y = ys[i].Span;
            var weight = basis[i];
            for (var k = 0; k < secret.Length; k++)
            {
                secret[k] ^= GaloisField.Multiply(y[k], weight);
            }
        }
    }

    private static void ValidateThreshold(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, MinThreshold);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(threshold, MaxShares);
    }

    /// <summary>Horner's rule for <c>secretByte + c1*x + c2*x^2 + ...</c>; x is never 0 here.</summary>
    private static byte Evaluate(byte secretByte, ReadOnlySpan<byte> coefficients, byte x)
    {
        byte result = 0;
        for (var j = coefficients.Length - 1; j >= 0; j--)
        {
            result = (byte)(GaloisField.Multiply(result, x) ^ coefficients[j]);
        }

        return (byte)(GaloisField.Multiply(result, x) ^ secretByte);
    }

    private static string Capitalize(string text) =>
        text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text.AsSpan(1));
}
