using System.Diagnostics.Metrics;
using Hydra.Grid.Tls;
using Hydra.Hosting.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hydra.Hosting.Tests;

/// <summary>Every refusal is counted by reason; the log gets a bounded number of lines however many arrive.</summary>
public sealed class HandshakeRefusalReporterTests
{
    [Fact]
    public void Refused_FloodOf200FromTwoPeers_Counts200ByReason_LogsOneLinePerPair()
    {
        // Arrange
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var logger = new RecordingLogger<HandshakeRefusalReporter>();
        var reporter = new HandshakeRefusalReporter(meters, new FakeTimeProvider(DateTimeOffset.UnixEpoch), logger);
        var counted = new Dictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this test's factory: other tests' meters of the same name must not count here.
            if (instrument.Meter.Scope == meters && instrument.Name == HandshakeRefusalReporter.CounterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var reason = (string)tags.ToArray().Single(t => t.Key == "reason").Value!;
            counted[reason] = counted.GetValueOrDefault(reason) + value;
        });
        listener.Start();

        // Act
        for (var i = 0; i < 100; i++)
        {
            reporter.Refused(new HandshakeRefusal("198.51.100.1", HandshakeRefusalReason.NoCertificate, "A client certificate is required."));
            reporter.Refused(new HandshakeRefusal("198.51.100.2", HandshakeRefusalReason.ProtocolError, "TLS handshake failed: decode_error."));
        }

        // Assert
        Assert.Equal(new Dictionary<string, long> { ["NoCertificate"] = 100, ["ProtocolError"] = 100 }, counted);
        Assert.Equal(2, logger.Lines.Count);
        Assert.All(logger.Lines, line => Assert.Equal("HandshakeRefused", line.Event.Name));
        Assert.Contains(logger.Lines, line => line.Message.Contains("198.51.100.1", StringComparison.Ordinal)
            && line.Message.Contains("NoCertificate", StringComparison.Ordinal));
    }
}
