namespace Hydra.Cli;

/// <summary>Nothing the command asked for is readable with the caller's credential; exit code 4.</summary>
internal sealed class AccessRefusedException : Exception
{
    public AccessRefusedException()
    {
    }

    public AccessRefusedException(string message)
        : base(message)
    {
    }

    public AccessRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
