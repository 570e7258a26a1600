using System.Text.Json;
using Hydra.Access;

namespace Hydra.Client.Auditing;

/// <summary>
/// Checks a parsed links document strictly: exactly the documented properties, every name and principal valid, no
/// name or principal twice. Each error names the source and the entry (<c>people[2] "Alice Reader"</c>).
/// </summary>
internal static class IdentityLinksReader
{
    public static IdentityLinks Read(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, "the document", "must be an object {\"people\": [...]}");
        }

        Only(root, source, "the document", "people");
        if (!root.TryGetProperty("people", out var peopleArray) || peopleArray.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, "the document", "needs \"people\": an array of {\"name\", \"principals\"}");
        }

        var people = new List<LinkedPerson>();
        var byName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var byPrincipal = new Dictionary<object, LinkedPerson>();
        var where = new Dictionary<object, (string At, string Principal)>();
        var index = 0;
        foreach (var entry in peopleArray.EnumerateArray())
        {
            var at = $"people[{index++}]";
            var person = ReadPerson(entry, source, at);
            at += $" \"{person.Name}\"";
            if (!byName.TryAdd(person.Name, at))
            {
                throw Error(source, at, $"has the name of {byName[person.Name]}; each person needs their own name");
            }

            foreach (var principal in person.Principals)
            {
                // Keys compare as access checks do, so two spellings of one DN are one principal.
                var key = IdentityLinks.KeyOf(principal)!;
                if (!where.TryAdd(key, (at, principal)))
                {
                    var first = where[key];
                    throw Error(source, at, first.At == at
                        ? $"lists {principal} twice"
                        : $"lists {principal}, which {first.At} lists too{(first.Principal == principal ? string.Empty : $" (as {first.Principal})")}; "
                          + "a principal belongs to one person");
                }

                byPrincipal[key] = person;
            }

            people.Add(person);
        }

        if (people.Count == 0)
        {
            throw Error(source, "\"people\"", "is empty: the file links nobody");
        }

        return IdentityLinks.Create(people, byPrincipal);
    }

    private static LinkedPerson ReadPerson(JsonElement entry, string source, string at)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, at, "must be an object {\"name\": ..., \"principals\": [...]}");
        }

        Only(entry, source, at, "name", "principals");
        var name = entry.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String
            ? nameElement.GetString()!.Trim()
            : throw Error(source, at, "needs \"name\", a string");
        if (NameProblem(name) is { } problem)
        {
            throw Error(source, at, problem);
        }

        at += $" \"{name}\"";
        if (!entry.TryGetProperty("principals", out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw Error(source, at, "needs \"principals\", a non-empty array of dn: and oidc: principals");
        }

        var principals = new List<string>();
        var i = 0;
        foreach (var item in list.EnumerateArray())
        {
            var itemAt = $"{at} principals[{i++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Error(source, itemAt, "must be a string such as \"dn:/DC=org/CN=Name\" or \"oidc:https://issuer/#subject\"");
            }

            if (!Principal.TryParse(item.GetString(), out var principal, out var error))
            {
                throw Error(source, itemAt, error);
            }

            if (principal.Kind is not (PrincipalKind.DistinguishedName or PrincipalKind.Oidc))
            {
                throw Error(source, itemAt, $"is {principal.Canonical}; only dn: and oidc: principals name one identity");
            }

            principals.Add(principal.Canonical);
        }

        return new LinkedPerson(name, principals);
    }

    /// <summary>Why a display name cannot be one, or null. Names must never read as a record subject (see PartyOf).</summary>
    private static string? NameProblem(string name)
    {
        if (name.Length is 0 or > 200)
        {
            return "needs a name of 1 to 200 characters";
        }

        if (name.Any(char.IsControl))
        {
            return "has a control character in its name";
        }

        return name.StartsWith('/') || name.StartsWith("dn:", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("oidc:", StringComparison.OrdinalIgnoreCase) || name.StartsWith("patient:", StringComparison.OrdinalIgnoreCase)
            || name.Equals("any", StringComparison.OrdinalIgnoreCase)
            ? $"has the name '{name}', which reads as a principal; give the person's name"
            : null;
    }

    private static void Only(JsonElement element, string source, string at, params string[] allowed)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw Error(source, at, $"has an unknown property \"{property.Name}\" (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    private static FormatException Error(string source, string at, string problem) => new($"{source}: {at} {problem.TrimEnd('.')}.");
}
