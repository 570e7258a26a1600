namespace Hydra.Keystore.Storage;

/// <summary>An operation waiting for the writer thread, and the caller waiting for its durable outcome.</summary>
internal abstract class PendingOperation
{
    /// <summary>Runs the operation inside the batch's transaction; an unexpected exception aborts the batch.</summary>
    public abstract void Run(StoreTransaction transaction);

    /// <summary>Hands the outcome to the caller once the batch is durable.</summary>
    public abstract void Complete();

    /// <summary>Fails the caller: the batch did not become durable.</summary>
    public abstract void Fail(Exception exception);
}
