using Hydra.Sharing.Tests.Support;

namespace Hydra.Sharing.Tests;

/// <summary>Known-answer share sets from the research notes (kms.md section 1.5), in the Vault layout y || x.</summary>
public static class ShamirVectors
{
    /// <summary>Vector A: 2-of-3 of ASCII "test", x = 1, 2, 3.</summary>
    public static readonly byte[][] A =
    [
        Hex.Bytes("cc286c30 01"),
        Hex.Bytes("1fff4dfc 02"),
        Hex.Bytes("a7b252b8 03"),
    ];

    public static readonly byte[] ASecret = "test"u8.ToArray();

    /// <summary>Vector B: 3-of-5 of 00..1f, x = 0x2a, 0x7f, 0x80, 0xc3, 0xff.</summary>
    public static readonly byte[][] B =
    [
        Hex.Bytes("f80938ffa9953c862f54ebfeabaa94096a34fa188792a8a30c8bb99b4832cc86 2a"),
        Hex.Bytes("de5a588f413421696cc7f3dbabadc79be466879481d07eff6f2b99a300d7b12c 7f"),
        Hex.Bytes("9fce93ec98debed9fc5b7916d896ece3b9a115430426c5a9790d744416f39f39 80"),
        Hex.Bytes("3a80014bcc99e12dc43b37503e92c7f93ae04f86ce7b3335aa60492ce642a644 c3"),
        Hex.Bytes("4195c960ddef99b7989580c67f3625774dd680c491e3ad410e3ff7fc0a39300a ff"),
    ];

    /// <summary>Vector C: 3-of-5 of 00..1f made by the npm package's split().</summary>
    public static readonly byte[][] C =
    [
        Hex.Bytes("eed17b8177d1d63bc008844a8cdd551f98055ff5b799b41e7073ab058d601301 8e"),
        Hex.Bytes("69f41c94822958e528274d4199ce56d2a510fb31e5d519a2b7e2a6a722605b90 ed"),
        Hex.Bytes("ee5cd51243bf166f5bcb728d3e3c348dfe7e1bf7115f6a640b8581aede42d8cc 37"),
        Hex.Bytes("4fa5b0c0b148f00ce2006a0d8a68424efff3cc6c74814819989533cc006dda43 77"),
        Hex.Bytes("4092d933a97546a8817f3bb14fa716c2cdde9e348573a651fda3e7b9c5bec765 d7"),
    ];

    public static readonly byte[] BcSecret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
}
