using System.Reflection;
using Hydra.Bridge.DicomWeb;
using Microsoft.Extensions.Logging;

namespace Hydra.Bridge.Tests.DicomWeb;

/// <summary>
/// The bridge's log events (BridgeLog, DicomWebLog, QidoLog, StowLog) were written by several hands: each id once,
/// in the bridge's range 2000-2099, and DICOMweb's in 2030-2059, so a log query by id means one event.
/// </summary>
public sealed class LogEventIdTests
{
    private static readonly IReadOnlyList<(string Method, int Id)> Events =
    [
        .. typeof(DicomWebLog).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => (Method: $"{m.DeclaringType!.Name}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .Select(e => (e.Method, e.Attribute!.EventId)),
    ];

    [Fact]
    public void EveryEventId_UsedOnce_InTheBridgeRange()
    {
        Assert.Contains(Events, e => e.Method.StartsWith("QidoLog.", StringComparison.Ordinal));
        Assert.Contains(Events, e => e.Method.StartsWith("StowLog.", StringComparison.Ordinal));
        Assert.Empty(Events.GroupBy(e => e.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Method))}"));
        Assert.All(Events, e => Assert.InRange(e.Id, 2000, 2099));
    }

    [Fact]
    public void DicomWebEvents_InTheirRange()
    {
        var dicomWeb = Events.Where(e => e.Method.Split('.')[0] is nameof(DicomWebLog) or "QidoLog" or "StowLog").ToList();

        Assert.NotEmpty(dicomWeb);
        Assert.All(dicomWeb, e => Assert.InRange(e.Id, 2030, 2059));
    }
}
