using System.Text.RegularExpressions;
using Hydra.Grid;

namespace Hydra.CertsDev;

/// <summary>Checks <see cref="DevPkiOptions"/> before anything is written.</summary>
internal static partial class DevPkiOptionsValidator
{
    public static void Validate(DevPkiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequirePositive(options.CaLifetime, nameof(options.CaLifetime));
        RequirePositive(options.CertificateLifetime, nameof(options.CertificateLifetime));
        RequirePositive(options.CrlLifetime, nameof(options.CrlLifetime));
        foreach (var host in options.Hosts)
        {
            if (!ShortName().IsMatch(host))
            {
                throw new ArgumentException($"Host name '{host}' must be lower-case letters, digits and '-'.", nameof(options));
            }
        }

        RequireUnique(options.Hosts, "host");
        var strayEcHost = options.EcHosts.FirstOrDefault(h => !options.Hosts.Contains(h, StringComparer.Ordinal));
        if (strayEcHost is not null)
        {
            throw new ArgumentException($"EC host '{strayEcHost}' is not one of the hosts ({string.Join(", ", options.Hosts)}).", nameof(options));
        }

        IEnumerable<DevUserProfile> users = [.. DevUserProfile.Cast, .. options.ExtraUsers];
        foreach (var user in options.ExtraUsers)
        {
            ValidateUser(user);
        }

        RequireUnique([.. users.Select(u => u.Name)], "user");
    }

    private static void ValidateUser(DevUserProfile user)
    {
        if (!ShortName().IsMatch(user.Name))
        {
            throw new ArgumentException($"User name '{user.Name}' must be lower-case letters, digits and '-'.", nameof(user));
        }

        foreach (var text in user.Fqans)
        {
            if (!Fqan.TryParse(text, out var fqan) || user.Vo is null || fqan.Vo != user.Vo)
            {
                throw new ArgumentException($"User '{user.Name}' has FQAN '{text}', which is malformed or outside VO '{user.Vo}'.", nameof(user));
            }
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, "A lifetime must be positive.");
        }
    }

    private static void RequireUnique(IReadOnlyCollection<string> names, string what)
    {
        var duplicate = names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"The {what} name '{duplicate.Key}' appears twice.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex ShortName();
}
