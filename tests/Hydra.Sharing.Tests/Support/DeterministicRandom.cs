using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Hydra.Sharing.Tests.Support;

/// <summary>A repeatable random source for tests: SHA-256(seed || counter) blocks, or all zeros.</summary>
public sealed class DeterministicRandom : RandomNumberGenerator
{
    private readonly byte[] _seed;
    private readonly bool _zeros;
    private readonly byte[] _block = new byte[32];
    private ulong _counter;
    private int _used = 32;

    private DeterministicRandom(byte[] seed, bool zeros)
    {
        _seed = seed;
        _zeros = zeros;
    }

    /// <summary>Bytes determined by <paramref name="seed"/>.</summary>
    public static DeterministicRandom FromSeed(int seed) => new(BitConverter.GetBytes(seed), zeros: false);

    /// <summary>Only zero bytes: every draw is the smallest possible value.</summary>
    public static DeterministicRandom Zeros() => new([], zeros: true);

    /// <summary>How many bytes have been handed out.</summary>
    public long BytesDrawn { get; private set; }

    public override void GetBytes(byte[] data) => GetBytes(data.AsSpan());

    public override void GetBytes(Span<byte> data)
    {
        BytesDrawn += data.Length;
        if (_zeros)
        {
            data.Clear();
            return;
        }

        Span<byte> input = stackalloc byte[_seed.Length + 8];
        for (var i = 0; i < data.Length; i++)
        {
            if (_used == _block.Length)
            {
                _seed.CopyTo(input);
                BinaryPrimitives.WriteUInt64BigEndian(input[_seed.Length..], _counter++);
                SHA256.HashData(input, _block);
                _used = 0;
            }

            data[i] = _block[_used++];
        }
    }
}
