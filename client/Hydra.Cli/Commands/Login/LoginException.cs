namespace Hydra.Cli.Commands.Login;

/// <summary>The device authorization grant ended without a token; the message says why (never a token or device code).</summary>
internal sealed class LoginException : Exception
{
    public LoginException()
    {
    }

    public LoginException(string message)
        : base(message)
    {
    }

    public LoginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public LoginException(LoginProblem problem, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Problem = problem;
    }

    public LoginProblem Problem { get; } = LoginProblem.BadAnswer;
}
