namespace Hydra.Keystore;

/// <summary>
/// The node's database refused or could not be reached: at start (unreachable, another node's database, a schema
/// newer than this node) or, when <see cref="Unreachable"/>, while serving (the call fails UNAVAILABLE and the node
/// serves again once the database is back). The message names the database (host, port, name), never a password.
/// </summary>
public sealed class KeystoreDatabaseException : Exception
{
    public KeystoreDatabaseException()
    {
    }

    public KeystoreDatabaseException(string message)
        : base(message)
    {
    }

    public KeystoreDatabaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KeystoreDatabaseException(string message, bool unreachable, Exception? innerException = null)
        : base(message, innerException)
    {
        Unreachable = unreachable;
    }

    /// <summary>Whether the database was out of reach (a retry may succeed), rather than refused.</summary>
    public bool Unreachable { get; }
}
