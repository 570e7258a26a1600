namespace Hydra.Cli.Tokens;

/// <summary>A bearer token that was found but cannot be used. Messages name where it came from, never the token.</summary>
internal sealed class BearerTokenException : Exception
{
    public BearerTokenException()
    {
    }

    public BearerTokenException(string message)
        : base(message)
    {
    }

    public BearerTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BearerTokenException(BearerTokenProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public BearerTokenProblem Problem { get; } = BearerTokenProblem.Malformed;
}
