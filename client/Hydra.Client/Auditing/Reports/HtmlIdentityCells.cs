namespace Hydra.Client.Auditing.Reports;

/// <summary>
/// Subject cells: a linked person's name with their principals beneath it, and a token holder's issuer, subject,
/// groups and token id. Everything in one cell, so that sorting a table keeps a person and their principals together.
/// </summary>
internal static class HtmlIdentityCells
{
    /// <summary>A summary's subject: a principal, or a linked person and what each principal did.</summary>
    public static void Subject(HtmlWriter html, SubjectSummary summary)
    {
        if (!summary.Linked)
        {
            Subject(html, summary.Subject, []);
            return;
        }

        html.Open("td", ("class", "dn person"), ("data-sort", summary.Subject));
        Person(html, summary.Subject);
        html.Raw("<ul class=\"principals\">");
        foreach (var p in summary.Principals)
        {
            html.Raw("<li>");
            Principal(html, p.Principal);
            html.Raw(" <small>");
            html.Text($"{p.Records} record{(p.Records == 1 ? string.Empty : "s")}, {p.Releases} released, {p.Refusals} refused");
            html.Raw("</small></li>");
        }

        html.Raw("</ul>");
        html.Close("td");
    }

    /// <summary>A flag's subject; a person's principals beneath it when they are not just the subject itself.</summary>
    public static void Subject(HtmlWriter html, string subject, IReadOnlyList<string> principals)
    {
        var person = principals.Count > 0 && !(principals.Count == 1 && principals[0] == subject);
        html.Open("td", ("class", person ? "dn person" : "dn"), ("data-sort", subject));
        if (!person)
        {
            Principal(html, subject.Length > 0 ? subject : "(none)");
            html.Close("td");
            return;
        }

        Person(html, subject);
        html.Raw("<ul class=\"principals\">");
        foreach (var principal in principals)
        {
            html.Raw("<li>");
            Principal(html, principal);
            html.Raw("</li>");
        }

        html.Raw("</ul>");
        html.Close("td");
    }

    /// <summary>A record's caller: the person (when linked) over the principal, and a token's groups and id.</summary>
    public static void Caller(HtmlWriter html, AuditTimelineRecord record)
    {
        html.Open("td", ("class", record.Person.Length > 0 ? "dn person" : "dn"), ("data-sort", record.Subject));
        if (record.Person.Length > 0)
        {
            Person(html, record.Person);
            html.Raw("<br>");
        }

        Principal(html, record.Subject);
        if (record.TokenId.Length > 0 || record.TokenIssuer.Length > 0)
        {
            html.Raw("<br><small class=\"token\">");
            html.Text($"token {(record.TokenId.Length > 0 ? record.TokenId : "(no id)")}; groups: "
                + (record.Fqans.Count > 0 ? string.Join(", ", record.Fqans) : "none"));
            html.Raw("</small>");
        }

        html.Close("td");
    }

    private static void Person(HtmlWriter html, string name)
    {
        html.Raw("<b class=\"person\">");
        html.Text(name);
        html.Raw("</b>");
    }

    /// <summary>A slash DN as <see cref="HtmlWriter.Dn"/> shows it; a token subject as its issuer, then <c>#sub</c> in bold.</summary>
    private static void Principal(HtmlWriter html, string principal)
    {
        var hash = principal.StartsWith("oidc:", StringComparison.Ordinal) ? principal.IndexOf('#', StringComparison.Ordinal) : -1;
        if (hash < 0)
        {
            html.Dn(principal);
            return;
        }

        html.Raw("<span class=\"path\">");
        html.Text(principal[..hash]);
        html.Raw("</span><wbr><b>");
        html.Text(principal[hash..]);
        html.Raw("</b>");
    }
}
