using Microsoft.Extensions.Logging;
using Hydra.Client.Grid;

namespace Hydra.Hosting;

/// <summary>
/// The node's trust anchors (grid CA certificates and CRLs, VOMS AAs) and the validators built on them, reloaded
/// when the folders change (fetch-crl rewrites CRLs) and at a fixed interval, so revocations take effect without a
/// restart. Each reload bumps <see cref="Generation"/>, which invalidates credentials cached per connection.
/// </summary>
public sealed class TrustMaterial : IDisposable
{
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan ChangeDebounce = TimeSpan.FromSeconds(1);

    private readonly TrustSettings _options;
    private readonly ILogger _logger;
    private readonly ITimer _timer;
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly Lock _reloadLock = new();
    private volatile Validators _current;
    private long _generation;

    public TrustMaterial(TrustSettings options, TimeProvider time, ILogger logger)
    {
        _options = options;
        _logger = logger;
        _current = Build(options);
        _timer = time.CreateTimer(_ => Reload(), null, ReloadInterval, ReloadInterval);
        Watch(options.TrustDirectory);
        Watch(options.VomsDirectory);
    }

    /// <summary>Increases on every successful reload.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public ProxyChainValidator ChainValidator => _current.Chain;

    /// <summary>Null when the node has no VOMS directory configured (FQANs are then never granted).</summary>
    public VomsAcValidator? VomsValidator => _current.Voms;

    /// <summary>Rereads both folders; on failure the previous material stays in force.</summary>
    public void Reload()
    {
        lock (_reloadLock)
        {
            try
            {
                _current = Build(_options);
                var generation = Interlocked.Increment(ref _generation);
                HostingLog.TrustReloaded(_logger, _options.TrustDirectory, generation);
            }
            catch (Exception ex) when (ex is IOException or GridCredentialException or UnauthorizedAccessException or FormatException)
            {
                HostingLog.TrustReloadFailed(_logger, _options.TrustDirectory, ex);
            }
        }
    }

    private static Validators Build(TrustSettings options)
    {
        var trust = GridTrustStore.Load(options.TrustDirectory);
        var chain = new ProxyChainValidator(trust);
        VomsAcValidator? voms = null;
        if (!string.IsNullOrWhiteSpace(options.VomsDirectory))
        {
            var vomsStore = VomsTrustStore.Load(options.VomsDirectory);
            voms = new VomsAcValidator(trust, vomsStore, new VomsAcValidatorOptions { LocalHostNames = options.HostNames });
        }

        return new Validators(chain, voms);
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
                _ = Task.Delay(ChangeDebounce).ContinueWith(
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

    private sealed record Validators(ProxyChainValidator Chain, VomsAcValidator? Voms);
}
