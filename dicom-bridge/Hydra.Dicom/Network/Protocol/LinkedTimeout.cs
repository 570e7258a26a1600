namespace Hydra.Dicom.Network.Protocol;

/// <summary>A token that fires after a delay measured by a <see cref="TimeProvider"/>, or when an outer token fires.</summary>
internal sealed class LinkedTimeout : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly CancellationTokenRegistration _link;

    public LinkedTimeout(TimeSpan delay, TimeProvider timeProvider, CancellationToken outer)
    {
        _source = new CancellationTokenSource(delay, timeProvider);
        _link = outer.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _source);
    }

    public CancellationToken Token => _source.Token;

    public void Dispose()
    {
        _link.Dispose();
        _source.Dispose();
    }
}
