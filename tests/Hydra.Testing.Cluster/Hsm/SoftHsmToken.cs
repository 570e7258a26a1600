using Hydra.Keystore.Sealing;

namespace Hydra.Testing.Cluster.Hsm;

/// <summary>
/// A SoftHSM token of one test, in the process-wide token folder: a unique label, a user PIN (also in a 0600 PIN
/// file in <paramref name="Folder"/>) and an AES-256 storage key labelled <see cref="KeyLabel"/>.
/// </summary>
public sealed record SoftHsmToken(string Label, ulong SlotId, string Pin, string PinFile, string KeyLabel)
{
    /// <summary>Makes a token labelled <paramref name="label"/> (default: unique) holding a fresh storage key.</summary>
    public static SoftHsmToken Create(string folder, string? label = null, string keyLabel = "hydra-storage")
    {
        label ??= "hydra-" + Guid.NewGuid().ToString("N")[..12];
        var pin = "pin-" + Guid.NewGuid().ToString("N")[..8];
        var slot = SoftHsm.CreateToken(label, pin);
        SoftHsm.GenerateKey(slot, pin, keyLabel);
        Directory.CreateDirectory(folder);
        var pinFile = Path.Combine(folder, $"{label}-{slot}.pin");
        File.WriteAllText(pinFile, pin + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(pinFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new SoftHsmToken(label, slot, pin, pinFile, keyLabel);
    }

    /// <summary>The node seal naming this token's key (by label, or by slot).</summary>
    public SealSettings Seal(bool bySlot = false) => SoftHsm.Seal(this, bySlot: bySlot);
}
