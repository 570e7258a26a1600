namespace Hydra.Bridge.Storage;

/// <summary>
/// The catalog database could not be reached or did not answer in time (down, restarting, its connection pool
/// exhausted). Nothing was acknowledged; the same operation may be tried again later.
/// </summary>
public sealed class CatalogUnavailableException : Exception
{
    public CatalogUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CatalogUnavailableException()
    {
    }

    public CatalogUnavailableException(string message)
        : base(message)
    {
    }
}
