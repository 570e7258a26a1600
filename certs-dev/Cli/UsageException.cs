namespace Hydra.CertsDev.Cli;

/// <summary>The command line asks for something that cannot be: exit code 2 with this message.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
