namespace Hydra.Keystore.Operations;

/// <summary>How a share registration ended: newly stored, or an exact repeat of what was stored.</summary>
public enum RegistrationResult
{
    Stored,
    AlreadyPresent,
}
