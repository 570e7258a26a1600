using Microsoft.Extensions.Logging;

namespace Hydra.Grid;

/// <summary>
/// A service's one grid trust store: the CA certificates and CRLs of the trust directory and the VOMS AAs, with the
/// validators built on them. Every TLS endpoint of the service, inbound and outbound, validates against it. Both folders
/// are reread when they change (fetch-crl rewrites CRLs) and at <see cref="TrustSettings.ReloadInterval"/>, in place,
/// so a new CRL takes effect everywhere without a restart. Each reload bumps <see cref="Generation"/>, which invalidates
/// credentials cached per connection.
/// </summary>
public sealed class TrustMaterial : IDisposable
{
    private static readonly TimeSpan ChangeDebounce = TimeSpan.FromSeconds(1);

    private readonly TrustSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Lock _reloadLock = new();
    private long _generation;

    /// <exception cref="GridCredentialException">A folder cannot be read or holds a file that does not parse.</exception>
    public TrustMaterial(TrustSettings settings, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _settings = settings;
        _time = time;
        _logger = logger;
        Store = GridTrustStore.Load(settings.TrustDirectory);
        ChainValidator = new ProxyChainValidator(Store);
        if (!string.IsNullOrWhiteSpace(settings.VomsDirectory))
        {
            Voms = VomsTrustStore.Load(settings.VomsDirectory);
            VomsValidator = new VomsAcValidator(Store, Voms, new VomsAcValidatorOptions { LocalHostNames = settings.HostNames });
        }

        _timer = time.CreateTimer(_ => Reload(), null, settings.ReloadInterval, settings.ReloadInterval);
        Watch(settings.TrustDirectory);
        Watch(settings.VomsDirectory);
    }

    /// <summary>The CA certificates and CRLs, reloaded in place: validators built on it follow every reload.</summary>
    public GridTrustStore Store { get; }

    /// <summary>The VOMS AAs, or null when the service has no VOMS directory (FQANs are then never granted).</summary>
    public VomsTrustStore? Voms { get; }

    /// <summary>Validates client chains (end-entity certificates and RFC 3820 proxies).</summary>
    public ProxyChainValidator ChainValidator { get; }

    /// <summary>Validates VOMS attribute certificates; null without a VOMS directory.</summary>
    public VomsAcValidator? VomsValidator { get; }

    /// <summary>Increases on every successful reload.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Checks servers this service connects to (peers, keystore nodes) against the same trust.</summary>
    public HostCertificateValidator HostValidator() => new(Store, _time);

    /// <summary>Rereads both folders; on failure the previous material stays in force.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                // Both folders are read before either is applied: a damaged vomsdir must not leave a new CRL in force
                // under the old generation, which identities cached per connection are checked against.
                var applyTrust = Store.PrepareReload();
                var applyVoms = Voms?.PrepareReload();
                applyTrust();
                applyVoms?.Invoke();
                var generation = Interlocked.Increment(ref _generation);
                GridLog.TrustReloaded(_logger, _settings.TrustDirectory, generation);
            }
            catch (Exception ex) when (ex is IOException or GridCredentialException or UnauthorizedAccessException or FormatException)
            {
                GridLog.TrustReloadFailed(_logger, _settings.TrustDirectory, ex);
            }
        }
    }

    private void Watch(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory) || !Directory.Exists(directory))
        {
            return;
        }

        var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true };
        var pending = 0;
        void OnChange(object? sender, FileSystemEventArgs e)
        {
            // Debounce: fetch-crl rewrites many files at once; reload once after the burst.
            if (Interlocked.Exchange(ref pending, 1) == 0)
            {
                _ = Task.Delay(ChangeDebounce, _time).ContinueWith(
                    _ =>
                    {
                        Interlocked.Exchange(ref pending, 0);
                        Reload();
                    },
                    TaskScheduler.Default);
            }
        }

        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += (sender, e) => OnChange(sender, e);
        watcher.EnableRaisingEvents = true;
        _watchers.Add(watcher);
    }

    public void Dispose()
    {
        _timer.Dispose();
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }
    }
}
