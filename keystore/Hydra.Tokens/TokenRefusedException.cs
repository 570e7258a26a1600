namespace Hydra.Tokens;

/// <summary>A token that was not accepted. The message never holds the token or any of its values but the issuer.</summary>
public sealed class TokenRefusedException : Exception
{
    public TokenRefusedException()
    {
    }

    public TokenRefusedException(string message)
        : base(message)
    {
    }

    public TokenRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TokenRefusedException(TokenRefusal reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public TokenRefusal Reason { get; }
}
