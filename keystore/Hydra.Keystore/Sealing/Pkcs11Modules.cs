using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Hydra.Keystore.Sealing;

/// <summary>
/// The one way this process loads a PKCS#11 module. A module is initialised once per process and its login state is
/// shared by every session (PKCS#11 2.40 section 5.4), so two users in one process (several nodes in a test host, or
/// a test's token set-up) would log each other out or finalise the module under each other: here each module is used
/// by one lease at a time, loaded (C_Initialize) when the lease is taken and finalised when it is returned. A node
/// holds a lease only while it starts.
/// </summary>
public static class Pkcs11Modules
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly Pkcs11InteropFactories Factories = CreateFactories();

    /// <summary>Waits for exclusive use of <paramref name="modulePath"/>, then loads and initialises it.</summary>
    public static Pkcs11ModuleLease Acquire(string modulePath, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(modulePath);
        var gate = Gates.GetOrAdd(path, _ => new SemaphoreSlim(1, 1));
        gate.Wait(cancellationToken);
        try
        {
            var library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, Net.Pkcs11Interop.Common.AppType.MultiThreaded);
            return new Pkcs11ModuleLease(Factories, library, gate);
        }
        catch (Exception ex)
        {
            gate.Release();
            throw new SealException($"The PKCS#11 module '{path}' could not be loaded: {ex.Message}", ex);
        }
    }

    private static Pkcs11InteropFactories CreateFactories()
    {
        // Pkcs11Interop 5.3 imports dlopen from "libdl", which glibc 2.34+ ships only as libdl.so.2 (libdl.so comes
        // with the -dev package): point it there, the one place this process loads Pkcs11Interop's native calls.
        NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly, (name, _, _) =>
            name == "libdl" && OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libdl.so.2", out var handle) ? handle : IntPtr.Zero);
        return new Pkcs11InteropFactories();
    }
}
