namespace Hydra.Bridge.Storage;

/// <summary>
/// The object store could not do what was asked, with a reason fit for a sender's refusal or a reader's 503
/// (<c>object store unavailable: ...</c>, <c>object store full (QuotaExceeded)</c>). An <see cref="IOException"/>, so
/// readers that already answer a failed read go on doing so.
/// </summary>
internal sealed class ObjectStoreException : IOException
{
    public ObjectStoreException(string message, bool full, Exception? innerException = null)
        : base(message, innerException) => IsFull = full;

    /// <summary>The store refused for lack of room (a quota), rather than being unreachable or failing.</summary>
    public bool IsFull { get; }
}
