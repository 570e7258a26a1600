using Hydra.Keystore.Sealing;

namespace Hydra.Keystore.Options;

/// <summary>
/// What seals the share envelopes the node stores (section <c>Keystore:Seal</c>): a data key, kept only in memory, is
/// wrapped by a key file (the default, for the demo) or by an AES key in an HSM reached through PKCS#11. The PIN is
/// never a setting: it comes from <see cref="PinFile"/> or the environment variable <see cref="PinEnvironmentVariable"/>.
/// </summary>
public sealed class KeystoreSealOptions
{
    /// <summary>The settings' path in configuration, for messages.</summary>
    public const string SectionPath = KeystoreOptions.SectionName + ":Seal";

    /// <summary><c>KeyFile</c> (the default) or <c>Pkcs11</c>.</summary>
    public string Kind { get; set; } = nameof(SealKind.KeyFile);

    /// <summary>Kind KeyFile: the key file. Defaults to <c>NAME-seal.key</c> beside the data file, created mode 0600 when missing.</summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the PKCS#11 module, e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    public string Module { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the token's slot id (or give <see cref="TokenLabel"/>).</summary>
    public ulong? Slot { get; set; }

    /// <summary>Kind Pkcs11: the token's label (or give <see cref="Slot"/>).</summary>
    public string TokenLabel { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the label of the AES key (CKA_WRAP and CKA_UNWRAP) on the token.</summary>
    public string KeyLabel { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: a file (mode 0600 or 0400) holding the user PIN (or give <see cref="PinEnvironmentVariable"/>).</summary>
    public string PinFile { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the name of the environment variable holding the user PIN (or give <see cref="PinFile"/>).</summary>
    public string PinEnvironmentVariable { get; set; } = string.Empty;

    /// <summary>The settings as configured, for validation.</summary>
    public SealSettings Configured() => new()
    {
        Kind = Kind,
        KeyFile = KeyFile,
        Module = Module,
        Slot = Slot,
        TokenLabel = TokenLabel,
        KeyLabel = KeyLabel,
        PinFile = PinFile,
        PinEnvironmentVariable = PinEnvironmentVariable,
    };

    /// <summary>The settings with defaults resolved: the key file beside <paramref name="dataFile"/> unless one is named.</summary>
    public SealSettings Settings(string dataFile)
    {
        var configured = Configured();
        return configured.ParsedKind == SealKind.KeyFile && KeyFile.Length == 0
            ? configured with { KeyFile = SealSettings.DefaultKeyFile(dataFile) }
            : configured;
    }
}
