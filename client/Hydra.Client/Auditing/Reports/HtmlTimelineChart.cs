using System.Globalization;
using Hydra.Audit;

namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// The timeline as inline SVG drawn here (no script, no external resource): one lane per flag kind with a mark per
/// flagged event, and below them the listed records per time bin, stacked by outcome. Every mark has a tooltip.
/// </summary>
internal static class HtmlTimelineChart
{
    private const double Width = 1200;
    private const double Left = 120;
    private const double Right = 16;
    private const double LaneHeight = 18;
    private const double BarsHeight = 120;
    private const int Bins = 100;
    private static readonly AuditFlagKind[] Lanes = [.. Enum.GetValues<AuditFlagKind>().OrderBy(HtmlFlagSection.Rank)];

    /// <summary>The bars start below the last lane, however many flag kinds there are.</summary>
    private static readonly double BarsTop = 8 + (Lanes.Length * (LaneHeight + 4));

    /// <summary>The bars, the axis with its ticks and the outcome legend under it.</summary>
    private static readonly double ChartHeight = BarsTop + BarsHeight + 46;

    public static void Write(HtmlWriter html, AuditReport report)
    {
        html.Raw("<section id=\"chart\"><h2>Timeline</h2>");
        var times = report.Records.Select(r => r.Time).Concat(report.Flags.SelectMany(f => new[] { f.Start, f.End })).ToList();
        if (times.Count == 0)
        {
            html.Element("p", "No records selected.", "empty");
            html.Raw("</section>");
            return;
        }

        var start = times.Min();
        var end = times.Max();
        if (end - start < TimeSpan.FromMinutes(1))
        {
            start -= TimeSpan.FromSeconds(30);
            end += TimeSpan.FromSeconds(30);
        }

        var scale = new TimeScale(start, end, Left, Width - Right);
        html.Raw($"<svg id=\"timeline\" viewBox=\"0 0 {N(Width)} {N(ChartHeight)}\" role=\"img\" aria-label=\"records and flagged events over time\">");
        WriteLanes(html, report.Flags, scale);
        WriteBars(html, report.Records, scale);
        WriteAxis(html, scale);
        html.Raw("</svg>");
        html.Element("p", $"From {HtmlWriter.Format(start)} to {HtmlWriter.Format(end)} UTC; bars count the listed records.", "caption");
        html.Raw("</section>");
    }

    private static void WriteLanes(HtmlWriter html, IReadOnlyList<AuditFlag> flags, TimeScale scale)
    {
        for (var lane = 0; lane < Lanes.Length; lane++)
        {
            var y = 8 + (lane * (LaneHeight + 4));
            html.Raw($"<text class=\"lane\" x=\"{N(Left - 8)}\" y=\"{N(y + 13)}\" text-anchor=\"end\">");
            html.Text(HtmlFlagSection.Label(Lanes[lane]));
            html.Raw($"</text><rect class=\"lane-bg\" x=\"{N(Left)}\" y=\"{N(y)}\" width=\"{N(scale.Right - Left)}\" height=\"{N(LaneHeight)}\"/>");
            foreach (var flag in flags.Where(f => f.Kind == Lanes[lane]))
            {
                var x = scale.X(flag.Start);
                var width = Math.Max(4, scale.X(flag.End) - x);
                html.Raw($"<rect class=\"mark flag-{HtmlFlagSection.CssName(flag.Kind)}\" x=\"{N(x - 2)}\" y=\"{N(y + 2)}\" width=\"{N(width)}\" "
                    + $"height=\"{N(LaneHeight - 4)}\"><title>");
                html.Text($"{flag.Id} {HtmlFlagSection.Label(flag.Kind)}, {HtmlWriter.Format(flag.Start)}: {flag.Subject}: {flag.Detail}");
                html.Raw("</title></rect>");
            }
        }
    }

    private static void WriteBars(HtmlWriter html, IReadOnlyList<AuditTimelineRecord> records, TimeScale scale)
    {
        var bins = new (int Allowed, int Denied, int Other)[Bins];
        foreach (var record in records)
        {
            var bin = Math.Clamp((int)((scale.X(record.Time) - Left) / (scale.Right - Left) * Bins), 0, Bins - 1);
            bins[bin] = record.Outcome switch
            {
                AuditEntry.Allowed => bins[bin] with { Allowed = bins[bin].Allowed + 1 },
                AuditEntry.Denied => bins[bin] with { Denied = bins[bin].Denied + 1 },
                _ => bins[bin] with { Other = bins[bin].Other + 1 },
            };
        }

        var highest = Math.Max(1, bins.Max(b => b.Allowed + b.Denied + b.Other));
        var binWidth = (scale.Right - Left) / Bins;
        html.Raw($"<text class=\"lane\" x=\"{N(Left - 8)}\" y=\"{N(BarsTop + 12)}\" text-anchor=\"end\">records</text>");
        html.Raw($"<text class=\"tick\" x=\"{N(Left - 8)}\" y=\"{N(BarsTop + 28)}\" text-anchor=\"end\">max {highest}</text>");
        for (var i = 0; i < Bins; i++)
        {
            var x = Left + (i * binWidth);
            var bottom = BarsTop + BarsHeight;
            foreach (var (count, css) in new[] { (bins[i].Allowed, "allowed"), (bins[i].Denied, "denied"), (bins[i].Other, "other") })
            {
                if (count == 0)
                {
                    continue;
                }

                var height = Math.Max(1.5, count * BarsHeight / highest);
                bottom -= height;
                html.Raw($"<rect class=\"bar {css}\" x=\"{N(x + 0.5)}\" y=\"{N(bottom)}\" width=\"{N(binWidth - 1)}\" height=\"{N(height)}\"><title>");
                html.Text($"{HtmlWriter.Format(scale.Time(x))}: {count} {css}");
                html.Raw("</title></rect>");
            }
        }
    }

    private static void WriteAxis(HtmlWriter html, TimeScale scale)
    {
        var y = BarsTop + BarsHeight;
        html.Raw($"<line class=\"axis\" x1=\"{N(Left)}\" y1=\"{N(y)}\" x2=\"{N(scale.Right)}\" y2=\"{N(y)}\"/>");
        const int Ticks = 6;
        var format = scale.Span > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : scale.Span > TimeSpan.FromMinutes(10) ? "HH:mm" : "HH:mm:ss";
        for (var i = 0; i <= Ticks; i++)
        {
            var x = Left + (i * (scale.Right - Left) / Ticks);
            var anchor = i == 0 ? "start" : i == Ticks ? "end" : "middle";
            html.Raw($"<line class=\"axis\" x1=\"{N(x)}\" y1=\"{N(y)}\" x2=\"{N(x)}\" y2=\"{N(y + 5)}\"/>"
                + $"<text class=\"tick\" x=\"{N(x)}\" y=\"{N(y + 18)}\" text-anchor=\"{anchor}\">");
            html.Text(scale.Time(x).UtcDateTime.ToString(format, CultureInfo.InvariantCulture));
            html.Raw("</text>");
        }

        var legendY = y + 38;
        var legendX = Left;
        foreach (var (css, label) in new[] { ("allowed", "allowed"), ("denied", "denied"), ("other", "failed") })
        {
            html.Raw($"<rect class=\"bar {css}\" x=\"{N(legendX)}\" y=\"{N(legendY - 9)}\" width=\"10\" height=\"10\"/>"
                + $"<text class=\"tick\" x=\"{N(legendX + 14)}\" y=\"{N(legendY)}\">{label}</text>");
            legendX += 90;
        }
    }

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>Maps times in [start, end] to x in [left, right] and back.</summary>
    private sealed record TimeScale(DateTimeOffset Start, DateTimeOffset End, double Left, double Right)
    {
        public TimeSpan Span => End - Start;

        public double X(DateTimeOffset time) => Left + ((time - Start).Ticks / (double)Span.Ticks * (Right - Left));

        public DateTimeOffset Time(double x) => Start + TimeSpan.FromTicks((long)((x - Left) / (Right - Left) * Span.Ticks));
    }
}
