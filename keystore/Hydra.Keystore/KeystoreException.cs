using Hydra.Keystore.Contract;
namespace Hydra.Keystore;

/// <summary>
/// An expected refusal or failure of a keystore operation. Its message goes to the caller and into the audit trail,
/// so it names what was wrong and never contains shares, keys or patient data.
/// </summary>
public sealed class KeystoreException : Exception
{
    public KeystoreException()
    {
    }

    public KeystoreException(string message)
        : base(message)
    {
    }

    public KeystoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeystoreException(KeystoreError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    public KeystoreError Error { get; } = KeystoreError.Unavailable;

    /// <summary>Whether the audit trail records this as a denial (authentication or authorisation) or a failure.</summary>
    public bool IsDenial => Error is KeystoreError.Unauthenticated or KeystoreError.PermissionDenied;
}
