using Net.Pkcs11Interop.HighLevelAPI;

namespace Hydra.Keystore.Sealing;

/// <summary>Exclusive use of an initialised PKCS#11 module; disposing it finalises the module and lets the next user in.</summary>
public sealed class Pkcs11ModuleLease : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private int _disposed;

    internal Pkcs11ModuleLease(Pkcs11InteropFactories factories, IPkcs11Library library, SemaphoreSlim gate)
    {
        Factories = factories;
        Library = library;
        _gate = gate;
    }

    public Pkcs11InteropFactories Factories { get; }

    public IPkcs11Library Library { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                Library.Dispose();
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
