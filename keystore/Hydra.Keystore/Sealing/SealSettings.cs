namespace Hydra.Keystore.Sealing;

/// <summary>
/// What seals the share envelopes the node stores (section <c>Keystore:Seal</c>): a data key, kept only in memory, is
/// wrapped by a key file (the default, for the demo) or by an AES key in an HSM reached through PKCS#11. The PIN is
/// never a setting: it is read from <see cref="PinFile"/> or the environment variable <see cref="PinEnvironmentVariable"/>.
/// </summary>
public sealed record SealSettings
{
    /// <summary>The settings' path in configuration, for messages.</summary>
    public const string SectionPath = "Keystore:Seal";

    /// <summary><c>KeyFile</c> (the default) or <c>Pkcs11</c>, in any case.</summary>
    public string Kind { get; set; } = nameof(SealKind.KeyFile);

    /// <summary>
    /// Kind KeyFile: the key file's path. Defaults to <see cref="DefaultKeyFile"/> beside the data file, created mode 0600
    /// when missing.
    /// </summary>
    public string KeyFile { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the PKCS#11 module (shared library), e.g. <c>/usr/lib/softhsm/libsofthsm2.so</c>.</summary>
    public string Module { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the slot id holding the token; give this or <see cref="TokenLabel"/>.</summary>
    public ulong? Slot { get; set; }

    /// <summary>Kind Pkcs11: the token's label; give this or <see cref="Slot"/>.</summary>
    public string TokenLabel { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the label (CKA_LABEL) of the AES secret key on the token.</summary>
    public string KeyLabel { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: a file (mode 0600 or 0400) holding the user PIN; give this or <see cref="PinEnvironmentVariable"/>.</summary>
    public string PinFile { get; set; } = string.Empty;

    /// <summary>Kind Pkcs11: the name of an environment variable holding the user PIN.</summary>
    public string PinEnvironmentVariable { get; set; } = string.Empty;

    /// <summary>The key file the node uses when none is configured: <c>NAME-seal.key</c> beside the data file <c>NAME.ext</c>.</summary>
    public static string DefaultKeyFile(string dataFile)
    {
        var full = Path.GetFullPath(dataFile);
        return Path.Combine(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full) + "-seal.key");
    }

    /// <summary>These settings with defaults resolved: the key file beside <paramref name="dataFile"/> unless one is named.</summary>
    public SealSettings ForDataFile(string dataFile) =>
        ParsedKind == SealKind.KeyFile && KeyFile.Length == 0 ? this with { KeyFile = DefaultKeyFile(dataFile) } : this;

    /// <summary>The configured kind; call after <see cref="Validate"/> succeeded.</summary>
    public SealKind ParsedKind => Enum.Parse<SealKind>(Kind, ignoreCase: true);

    /// <summary>
    /// Adds a message per mistake to <paramref name="failures"/>, each naming the setting as
    /// <c><paramref name="section"/>:Name</c>, so the node fails start-up with every mistake at once.
    /// </summary>
    public void Validate(string section, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!Enum.TryParse<SealKind>(Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            failures.Add($"{section}:Kind '{Kind}' is not KeyFile or Pkcs11.");
            return;
        }

        var pkcs11 = new (string Name, bool Set)[]
        {
            ("Module", Module.Length > 0), ("Slot", Slot is not null), ("TokenLabel", TokenLabel.Length > 0),
            ("KeyLabel", KeyLabel.Length > 0), ("PinFile", PinFile.Length > 0), ("PinEnvironmentVariable", PinEnvironmentVariable.Length > 0),
        };
        if (kind == SealKind.KeyFile)
        {
            failures.AddRange(pkcs11.Where(s => s.Set).Select(s => $"{section}:{s.Name} applies only to Kind Pkcs11, but Kind is KeyFile."));
            return;
        }

        if (KeyFile.Length > 0)
        {
            failures.Add($"{section}:KeyFile applies only to Kind KeyFile, but Kind is Pkcs11.");
        }

        ValidatePkcs11(section, failures);
    }

    private void ValidatePkcs11(string section, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(Module))
        {
            failures.Add($"{section}:Module is required for Kind Pkcs11 (the PKCS#11 module, e.g. /usr/lib/softhsm/libsofthsm2.so).");
        }
        else if (!File.Exists(Module))
        {
            failures.Add($"{section}:Module: file '{Module}' does not exist.");
        }

        if ((Slot is null) == string.IsNullOrWhiteSpace(TokenLabel))
        {
            failures.Add($"{section}: give exactly one of Slot and TokenLabel to name the token.");
        }

        if (string.IsNullOrWhiteSpace(KeyLabel))
        {
            failures.Add($"{section}:KeyLabel is required for Kind Pkcs11 (the label of the AES key on the token).");
        }

        if (string.IsNullOrWhiteSpace(PinFile) == string.IsNullOrWhiteSpace(PinEnvironmentVariable))
        {
            failures.Add($"{section}: give exactly one of PinFile and PinEnvironmentVariable (the PIN is never a setting).");
        }
        else if (PinFile.Length > 0 && !File.Exists(PinFile))
        {
            failures.Add($"{section}:PinFile: file '{PinFile}' does not exist.");
        }
        else if (PinEnvironmentVariable.Length > 0 && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PinEnvironmentVariable)))
        {
            failures.Add($"{section}:PinEnvironmentVariable: the environment variable '{PinEnvironmentVariable}' is not set.");
        }
    }
}
