using System.Globalization;
using Hydra.Bridge.Patients;

namespace Hydra.Bridge.Portal;

/// <summary>The antiforgery field a page's forms carry (null on pages for visitors not signed in).</summary>
internal sealed record FormToken(string FieldName, string Value)
{
    public Markup Field => Markup.Of($"<input type=\"hidden\" name=\"{FieldName}\" value=\"{Value}\">");
}

/// <summary>
/// The portal's pages: one layout (skip link, landmarks, <c>lang</c>, a viewport for phones, one stylesheet, no script)
/// around small bodies. Every value goes through <see cref="Markup.Of"/>, so it is encoded. A reader's pages say "studies
/// you may read" where a patient's say "your", and offer no patient-only page.
/// </summary>
internal static class PortalPages
{
    public static Markup Layout(string title, Markup body, FormToken? token, bool reader = false)
    {
        var logout = token is null
            ? Markup.Empty
            : Markup.Of($"""<form method="post" action="/logout" class="logout">{token.Field}<button type="submit">Sign out</button></form>""");
        var navigation = token is null ? Markup.Empty
            : reader ? Markup.Of($"""<nav aria-label="Portal"><ul><li><a href="/">Studies you may read</a></li></ul></nav>""")
            : Markup.Of($"""<nav aria-label="Portal"><ul><li><a href="/">My studies</a></li><li><a href="/access">Who opened my images</a></li></ul></nav>""");
        var footer = reader
            ? "Images are stored encrypted; every opening, yours included, is recorded by each key server."
            : "Your images are stored encrypted; every opening is recorded by each key server.";
        return Markup.Of($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{title} - Hydra patient portal</title>
            <link rel="stylesheet" href="/portal.css">
            </head>
            <body>
            <a class="skip" href="#main">Skip to main content</a>
            <header><p class="brand">Hydra patient portal</p>{navigation}{logout}</header>
            <main id="main" tabindex="-1">
            <h1>{title}</h1>
            {body}
            </main>
            <footer><p>{footer}</p></footer>
            </body>
            </html>
            """);
    }

    public static Markup SignIn(bool readers)
    {
        var clinicians = readers
            ? Markup.Of($"<p>Clinicians sign in with the same button to see the studies their groups may read.</p>")
            : Markup.Empty;
        return Markup.Of($"""
            <p>Sign in with your hospital account to see your imaging studies and who opened them.</p>
            {clinicians}
            <p><a class="button" href="/signin">Sign in with the hospital</a></p>
            """);
    }

    public static Markup Studies(IReadOnlyList<PatientStudy> studies, bool reader)
    {
        if (studies.Count == 0)
        {
            return reader
                ? Markup.Of($"<p>No studies you may read are stored here.</p>")
                : Markup.Of($"<p>No imaging studies of yours are stored here.</p>");
        }

        // A reader sees the catalog's de-identified dates (shifted where the source shifts them); a patient their real ones.
        var caption = reader ? "Studies you may read, newest first (dates as de-identified)" : "Your imaging studies, newest first";
        var rows = studies.Select(s => Markup.Of($"""
            <tr><th scope="row"><a href="/studies/{Uri.EscapeDataString(s.StudyInstanceUid)}">{DateText(s.StudyDate)}</a></th><td>{string.Join(", ", s.Modalities)}</td><td>{s.SeriesCount}</td><td>{s.ImageCount}</td></tr>
            """));
        return Markup.Of($"""
            <table>
            <caption>{caption}</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Kind of imaging</th><th scope="col">Series</th><th scope="col">Images</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody>
            </table>
            """);
    }

    public static Markup Study(string studyUid, IReadOnlyList<PatientSeries> series, bool mayWithdraw, FormToken token)
    {
        var escaped = Uri.EscapeDataString(studyUid);
        var items = series.Select(s => Markup.Of($"""
            <li><figure><img src="/images/{Uri.EscapeDataString(s.FirstSopInstanceUid)}/rendered" alt="First image of series {SeriesName(s)}: {s.Modality} {s.BodyPart}" width="256">
            <figcaption>Series {SeriesName(s)}: {s.Modality} {s.BodyPart}, {s.ImageCount} images</figcaption></figure></li>
            """));
        var withdraw = mayWithdraw
            ? Markup.Of($"""
                <section aria-labelledby="withdraw"><h2 id="withdraw">Research use</h2>
                <form method="post" action="/studies/{escaped}/withdraw">{token.Field}
                <p><label><input type="checkbox" name="confirm" value="yes" required> I understand that researchers will no longer be able to open this study's images.</label></p>
                <button type="submit">Withdraw research access</button></form></section>
                """)
            : Markup.Empty;
        return Markup.Of($"""
            <p><a href="/studies/{escaped}/zip" download>Download this study (zip of de-identified DICOM files)</a></p>
            <ul class="series">{Markup.Join(items)}</ul>
            {withdraw}
            """);
    }

    public static Markup Withdrawn(WithdrawResult result) => Markup.Of($"""
        <p>Research access to this study is withdrawn: {string.Join(", ", result.Principals)} can no longer open its {result.Keys} images.</p>
        <p>{(result.Complete ? "Every key server recorded the change." : "Some key servers could not be reached; the change will be repeated there.")}</p>
        <p><a href="/studies/{Uri.EscapeDataString(result.StudyInstanceUid)}">Back to the study</a></p>
        """);

    public static Markup Access(AccessLog log)
    {
        var unreachable = log.UnreachableNodes.Count == 0
            ? Markup.Empty
            : Markup.Of($"""<p class="warning">These key servers could not be asked, so their records are missing: {string.Join(", ", log.UnreachableNodes)}.</p>""");
        if (log.Events.Count == 0)
        {
            return Markup.Of($"{unreachable}<p>Nobody has opened your images yet.</p>");
        }

        var rows = log.Events.Select(e => Markup.Of($"""
            <tr><td>{e.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</td><th scope="row">{e.Who}</th><td>{(e.Groups.Count == 0 ? "-" : string.Join(", ", e.Groups))}</td><td>{e.Service}</td><td>{(e.Released ? "Opened" : "Refused")}{(e.Reason is null ? string.Empty : $" ({e.Reason})")}</td></tr>
            """));
        return Markup.Of($"""
            {unreachable}
            <table>
            <caption>Everyone who opened (or tried to open) your images, newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Their groups</th><th scope="col">Through</th><th scope="col">Result</th></tr></thead>
            <tbody>{Markup.Join(rows)}</tbody>
            </table>
            """);
    }

    public static Markup Message(string text) => Markup.Of($"<p>{text}</p><p><a href=\"/\">Back to the start</a></p>");

    private static string DateText(DateOnly? date) => date?.ToString("d MMMM yyyy", CultureInfo.InvariantCulture) ?? "Date unknown";

    private static string SeriesName(PatientSeries series) =>
        series.SeriesNumber?.ToString(CultureInfo.InvariantCulture) ?? "without number";
}
