using System.Runtime.InteropServices;
using Hydra.Keystore.Sealing;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hydra.Testing.Cluster.Hsm;

/// <summary>
/// The real SoftHSM2 PKCS#11 module (Debian <c>softhsm2</c>) with one token folder for this whole test process.
/// SoftHSM reads <c>SOFTHSM2_CONF</c> from the native environment each time the module is initialised, and .NET's
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the native environment on Unix, so
/// the variable is set with libc's setenv (and in .NET's copy, for child processes) before this process first loads
/// the module; every test then makes tokens with labels of its own in that folder, through PKCS#11.
/// </summary>
public static partial class SoftHsm
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string SoPin = "so-pin-4711";

    private static readonly Lazy<string> SharedFolder = new(CreateSharedFolder);

    /// <summary>The process-wide token folder (created and announced to SoftHSM on first use).</summary>
    public static string TokenFolder => SharedFolder.Value;

    /// <summary>Writes a SoftHSM configuration whose tokens live in <paramref name="folder"/>/tokens; returns its path.</summary>
    public static string WriteConfiguration(string folder)
    {
        var tokens = Path.Combine(folder, "tokens");
        Directory.CreateDirectory(tokens);
        var configuration = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(configuration, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
        return configuration;
    }

    /// <summary>
    /// Initialises a new token (in the first free slot) with a user PIN; returns its slot id. SoftHSM numbers slots
    /// from the token's serial when it loads its tokens, so the id is read back after the module is loaded anew.
    /// </summary>
    public static ulong CreateToken(string label, string pin)
    {
        string serial;
        using (var module = Acquire())
        {
            var free = module.Library.GetSlotList(SlotsType.WithTokenPresent).First(s => !s.GetTokenInfo().TokenFlags.TokenInitialized);
            free.InitToken(SoPin, label);
            var slot = module.Library.GetSlotList(SlotsType.WithTokenPresent)
                .Single(s => s.GetTokenInfo() is var info && info.Label.TrimEnd() == label && !info.TokenFlags.UserPinInitialized);
            serial = slot.GetTokenInfo().SerialNumber;
            using var session = slot.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_SO, SoPin);
            session.InitPin(pin);
            session.Logout();
        }

        using var reloaded = Acquire();
        return reloaded.Library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.GetTokenInfo().SerialNumber == serial).SlotId;
    }

    /// <summary>
    /// Generates the node's storage key on the token: AES-256, on the token, private, sensitive, never extractable,
    /// allowed to wrap and unwrap (and to encrypt, for the bench's per-envelope comparison).
    /// </summary>
    public static void GenerateKey(ulong slotId, string pin, string keyLabel)
    {
        using var module = Acquire();
        using var session = Open(module, slotId, pin, SessionType.ReadWrite);
        var a = module.Factories.ObjectAttributeFactory;
        session.GenerateKey(module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_GEN), [
            a.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), a.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES), a.Create(CKA.CKA_VALUE_LEN, 32UL),
            a.Create(CKA.CKA_LABEL, keyLabel), a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_PRIVATE, true),
            a.Create(CKA.CKA_SENSITIVE, true), a.Create(CKA.CKA_EXTRACTABLE, false),
            a.Create(CKA.CKA_WRAP, true), a.Create(CKA.CKA_UNWRAP, true), a.Create(CKA.CKA_ENCRYPT, true), a.Create(CKA.CKA_DECRYPT, true),
        ]);
        session.Logout();
    }

    /// <summary>Destroys the secret key <paramref name="keyLabel"/> on the token (an operator's mistake, or an attack).</summary>
    public static void DeleteKey(ulong slotId, string pin, string keyLabel)
    {
        using var module = Acquire();
        using var session = Open(module, slotId, pin, SessionType.ReadWrite);
        var a = module.Factories.ObjectAttributeFactory;
        foreach (var key in session.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), a.Create(CKA.CKA_LABEL, keyLabel)]))
        {
            session.DestroyObject(key);
        }

        session.Logout();
    }

    /// <summary>Whether a sensitive key's value can be read out of the token (it must not).</summary>
    public static bool KeyValueReadable(ulong slotId, string pin, string keyLabel)
    {
        using var module = Acquire();
        using var session = Open(module, slotId, pin);
        var a = module.Factories.ObjectAttributeFactory;
        var key = session.FindAllObjects([a.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY), a.Create(CKA.CKA_LABEL, keyLabel)]).Single();
        var value = session.GetAttributeValue(key, [CKA.CKA_VALUE])[0];
        session.Logout();
        return !value.CannotBeRead && value.GetValueAsByteArray() is { Length: > 0 };
    }

    /// <summary>A node seal naming <paramref name="token"/>'s key, the PIN in a 0600 file.</summary>
    public static SealSettings Seal(SoftHsmToken token, string? keyLabel = null, bool bySlot = false) => new()
    {
        Kind = nameof(SealKind.Pkcs11),
        Module = ModulePath,
        TokenLabel = bySlot ? string.Empty : token.Label,
        Slot = bySlot ? token.SlotId : null,
        KeyLabel = keyLabel ?? token.KeyLabel,
        PinFile = token.PinFile,
    };

    private static Pkcs11ModuleLease Acquire()
    {
        _ = TokenFolder;
        return Pkcs11Modules.Acquire(ModulePath, CancellationToken.None);
    }

    private static ISession Open(Pkcs11ModuleLease module, ulong slotId, string pin, SessionType type = SessionType.ReadOnly)
    {
        var slot = module.Library.GetSlotList(SlotsType.WithTokenPresent).Single(s => s.SlotId == slotId);
        var session = slot.OpenSession(type);
        session.Login(CKU.CKU_USER, pin);
        return session;
    }

    private static string CreateSharedFolder()
    {
        Peers.Require(ModulePath, "softhsm2");
        var folder = Path.Combine(Path.GetTempPath(), $"hydra-softhsm-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var configuration = WriteConfiguration(folder);
        if (SetEnvironment("SOFTHSM2_CONF", configuration, 1) != 0)
        {
            throw new InvalidOperationException("setenv(SOFTHSM2_CONF) failed.");
        }

        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", configuration);
        return folder;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnvironment(string name, string value, int overwrite);
}
