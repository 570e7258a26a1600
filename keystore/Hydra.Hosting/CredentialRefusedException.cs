namespace Hydra.Hosting;

/// <summary>A grid credential that was not accepted, with the reason (DNs may appear in it; keys never do).</summary>
public sealed class CredentialRefusedException : Exception
{
    public CredentialRefusedException()
    {
    }

    public CredentialRefusedException(string message)
        : base(message)
    {
    }

    public CredentialRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
