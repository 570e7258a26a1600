using Hydra.Access;
using Hydra.Audit;
using Hydra.Grid;
using Hydra.Grid.Tls;
using Hydra.Keystore.Options;
using Hydra.Keystore.Storage;

namespace Hydra.Keystore.Auditing;

/// <summary>
/// Puts the connections the node refused in or right after the TLS handshake (no certificate, an untrusted, expired
/// or revoked one, a broken handshake) into the audit trail, so officers see probing: one <c>TlsHandshake</c> record
/// per peer address and reason per interval, with the count and the first and last time. The records are bounded per
/// interval (<see cref="HandshakeRefusalAggregator.MaxPairs"/> plus one overflow record), so no flood of connections can
/// flood the trail.
/// </summary>
internal sealed class HandshakeRefusalAuditor : BackgroundService, IHandshakeRefusalSink
{
    private static readonly DistinguishedName Nobody = new([]);

    private readonly HandshakeRefusalAggregator _aggregator = new();
    private readonly KeystoreStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // Made here rather than in ExecuteAsync (which .NET runs on another thread, later), so intervals start with the node.
    private readonly PeriodicTimer _timer;

    public HandshakeRefusalAuditor(KeystoreStore store, KeystoreOptions options, TimeProvider time, ILogger<HandshakeRefusalAuditor> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Audit.HandshakeRefusalIntervalSeconds), time);
    }

    public void Refused(HandshakeRefusal refusal) => _aggregator.Add(refusal, _time.GetUtcNow());

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // What was tallied since the last interval goes into the trail before the node stops.
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; StopAsync writes what is left.
        }
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    /// <summary>Writes one record per tally since the last flush, in one durable batch; returns how many.</summary>
    internal async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var tallies = _aggregator.Drain();
        if (tallies.Count == 0)
        {
            return 0;
        }

        try
        {
            return await _store.ExecuteAsync(transaction =>
            {
                foreach (var tally in tallies)
                {
                    var peer = new CallerIdentity(Nobody, Nobody, [], 0, false, tally.Last, tally.PeerAddress);
                    transaction.Record(new AuditContext(peer, AuditOperations.TlsHandshake, string.Empty), AuditEntry.Denied, tally.AuditReason());
                }

                return tallies.Count;
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is KeystoreException or OperationCanceledException)
        {
            KeystoreLog.RefusalsNotAudited(_logger, tallies.Sum(t => t.Count), ex.Message);
            return 0;
        }
    }
}
