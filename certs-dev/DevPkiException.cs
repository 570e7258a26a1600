namespace Hydra.CertsDev;

/// <summary>A dev PKI operation failed: the folder is not a PKI, already holds one, or names an unknown user or host.</summary>
public sealed class DevPkiException : Exception
{
    public DevPkiException()
    {
    }

    public DevPkiException(string message)
        : base(message)
    {
    }

    public DevPkiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
