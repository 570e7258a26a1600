namespace Hydra.Keystore.Sealing;

/// <summary>What wraps the data key that seals the node's share envelopes.</summary>
public enum SealKind
{
    /// <summary>A 32-byte key in a file (mode 0600) beside the data file: the embedded default, for the demo.</summary>
    KeyFile,

    /// <summary>An AES key inside an HSM, reached through a PKCS#11 module; it never leaves the HSM.</summary>
    Pkcs11,
}
