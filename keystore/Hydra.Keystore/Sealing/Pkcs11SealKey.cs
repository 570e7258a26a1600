using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Net.Pkcs11Interop.HighLevelAPI.Factories;
using ISession = Net.Pkcs11Interop.HighLevelAPI.ISession;

namespace Hydra.Keystore.Sealing;

/// <summary>
/// An AES key inside an HSM that wraps the data key with CKM_AES_KEY_WRAP (RFC 3394). The HSM key never leaves the
/// HSM; the unwrapped data key is read into this process's memory only. The session is read-only: nothing is ever
/// written to the token, and the data key exists there only as a session object destroyed at once.
/// </summary>
internal sealed class Pkcs11SealKey : ISealKey
{
    public const string KeyWrapMechanism = "CKM_AES_KEY_WRAP";

    private readonly Pkcs11ModuleLease _module;
    private readonly ISession _session;
    private readonly IObjectHandle _key;

    private Pkcs11SealKey(Pkcs11ModuleLease module, ISession session, IObjectHandle key, string description)
    {
        _module = module;
        _session = session;
        _key = key;
        Description = description;
    }

    public SealKind Kind => SealKind.Pkcs11;

    public string Mechanism => KeyWrapMechanism;

    public string Description { get; }

    private IObjectAttributeFactory Attributes => _module.Factories.ObjectAttributeFactory;

    /// <summary>Loads the module, finds the token, logs in with <paramref name="pin"/> and finds the key; each failure names what is missing.</summary>
    public static Pkcs11SealKey Open(SealSettings settings, byte[] pin, CancellationToken cancellationToken)
    {
        var module = Pkcs11Modules.Acquire(settings.Module, cancellationToken);
        ISession? session = null;
        try
        {
            var (slot, tokenLabel) = FindToken(module, settings);
            var description = $"PKCS#11 key '{settings.KeyLabel}' on token '{tokenLabel}' (module {settings.Module})";
            session = slot.OpenSession(SessionType.ReadOnly);
            Login(session, tokenLabel, pin);
            var key = FindKey(module, session, settings.KeyLabel, tokenLabel);
            return new Pkcs11SealKey(module, session, key, description);
        }
        catch (Pkcs11Exception ex)
        {
            session?.Dispose();
            module.Dispose();
            throw new SealException($"The PKCS#11 module '{settings.Module}' failed in {ex.Method} ({ex.RV}).", ex);
        }
        catch
        {
            session?.Dispose();
            module.Dispose();
            throw;
        }
    }

    private static (ISlot Slot, string Label) FindToken(Pkcs11ModuleLease module, SealSettings settings)
    {
        var slots = module.Library.GetSlotList(SlotsType.WithTokenPresent)
            .Select(slot => (Slot: slot, Label: slot.GetTokenInfo().Label.TrimEnd()))
            .ToList();
        var present = slots.Count == 0 ? "no token is present" : "present: " + string.Join(", ", slots.Select(s => $"'{s.Label}' in slot {s.Slot.SlotId}"));
        var matches = settings.Slot is { } id
            ? slots.Where(s => s.Slot.SlotId == id).ToList()
            : slots.Where(s => s.Label == settings.TokenLabel).ToList();
        var wanted = settings.Slot is { } slotId ? $"in slot {slotId}" : $"labelled '{settings.TokenLabel}'";
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new SealException($"The PKCS#11 module '{settings.Module}' has no token {wanted} ({present})."),
            _ => throw new SealException($"The PKCS#11 module '{settings.Module}' has {matches.Count} tokens {wanted}; name the token by Slot."),
        };
    }

    private static void Login(ISession session, string tokenLabel, byte[] pin)
    {
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception ex) when (ex.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Login state is per process and token; another session of this process is already logged in.
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE)
        {
            throw new SealException($"The PIN for token '{tokenLabel}' was refused ({ex.RV}).", ex);
        }
        catch (Pkcs11Exception ex) when (ex.RV is CKR.CKR_PIN_LOCKED or CKR.CKR_PIN_EXPIRED or CKR.CKR_USER_PIN_NOT_INITIALIZED)
        {
            throw new SealException($"Token '{tokenLabel}' does not accept a user login ({ex.RV}).", ex);
        }
    }

    private static IObjectHandle FindKey(Pkcs11ModuleLease module, ISession session, string keyLabel, string tokenLabel)
    {
        var attributes = module.Factories.ObjectAttributeFactory;
        var found = session.FindAllObjects([
            attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
            attributes.Create(CKA.CKA_LABEL, keyLabel),
        ]);
        if (found.Count != 1)
        {
            throw new SealException(found.Count == 0
                ? $"Token '{tokenLabel}' holds no secret key labelled '{keyLabel}' (deleted, or another token?)."
                : $"Token '{tokenLabel}' holds {found.Count} secret keys labelled '{keyLabel}'; the seal key's label must be unique.");
        }

        var type = session.GetAttributeValue(found[0], [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        if (type != (ulong)CKK.CKK_AES)
        {
            throw new SealException($"The secret key '{keyLabel}' on token '{tokenLabel}' is not an AES key.");
        }

        return found[0];
    }

    public byte[] Wrap(ReadOnlySpan<byte> dataKey)
    {
        var value = dataKey.ToArray();
        IObjectHandle? handle = null;
        try
        {
            handle = _session.CreateObject([
                Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
                Attributes.Create(CKA.CKA_TOKEN, false),
                Attributes.Create(CKA.CKA_EXTRACTABLE, true),
                Attributes.Create(CKA.CKA_VALUE, value),
            ]);
            return _session.WrapKey(_module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP), _key, handle);
        }
        catch (Pkcs11Exception ex)
        {
            throw new SealException($"The {Description} did not wrap a new data key ({ex.RV}); it needs CKA_WRAP.", ex);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(value);
            Destroy(handle);
        }
    }

    public byte[] Unwrap(string mechanism, ReadOnlySpan<byte> wrapped)
    {
        if (mechanism != KeyWrapMechanism)
        {
            throw new SealException($"The data key was wrapped with '{mechanism}', which this node does not unwrap through PKCS#11.");
        }

        IObjectHandle? handle = null;
        try
        {
            // A session object the node may read back: the data key lives in the node's memory, never on the token.
            handle = _session.UnwrapKey(_module.Factories.MechanismFactory.Create(CKM.CKM_AES_KEY_WRAP), _key, wrapped.ToArray(), [
                Attributes.Create(CKA.CKA_CLASS, CKO.CKO_SECRET_KEY),
                Attributes.Create(CKA.CKA_KEY_TYPE, CKK.CKK_AES),
                Attributes.Create(CKA.CKA_TOKEN, false),
                Attributes.Create(CKA.CKA_SENSITIVE, false),
                Attributes.Create(CKA.CKA_EXTRACTABLE, true),
            ]);
            return _session.GetAttributeValue(handle, [CKA.CKA_VALUE])[0].GetValueAsByteArray();
        }
        catch (Pkcs11Exception ex)
        {
            throw new SealException($"The {Description} did not unwrap the data key ({ex.RV}): it is another key, or lacks CKA_UNWRAP.", ex);
        }
        finally
        {
            Destroy(handle);
        }
    }

    private void Destroy(IObjectHandle? handle)
    {
        if (handle is not null)
        {
            _session.DestroyObject(handle);
        }
    }

    public void Dispose()
    {
        try
        {
            _session.Logout();
        }
        catch (Pkcs11Exception)
        {
            // Already logged out (another session of this process did); the module is finalised next anyway.
        }

        _session.Dispose();
        _module.Dispose();
    }
}
