namespace Hydra.Grid;

/// <summary>
/// The single failure type of grid credential loading and validation. <see cref="Error"/> says why; the message names
/// what was wrong (certificate subjects may appear, key material never does).
/// </summary>
/// <remarks>Caller bugs (null arguments, empty paths) raise BCL argument exceptions instead.</remarks>
public sealed class GridCredentialException : Exception
{
    public GridCredentialException()
        : this(GridCredentialError.Malformed, "The grid credential is invalid.")
    {
    }

    public GridCredentialException(string message)
        : this(GridCredentialError.Malformed, message)
    {
    }

    public GridCredentialException(string message, Exception innerException)
        : this(GridCredentialError.Malformed, message, innerException)
    {
    }

    public GridCredentialException(GridCredentialError error, string message)
        : base(message)
    {
        Error = error;
    }

    public GridCredentialException(GridCredentialError error, string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The reason the credential was refused.</summary>
    public GridCredentialError Error { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Error}: {base.ToString()}";
}
