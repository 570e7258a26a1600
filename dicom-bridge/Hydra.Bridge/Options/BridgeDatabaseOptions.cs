namespace Hydra.Bridge.Options;

/// <summary>
/// Where the catalog, the quarantine and review indexes, the hand-off queue and the nodes' certificates live (section
/// <c>Bridge:Database</c>): the embedded LiteDB file (one bridge) or a PostgreSQL database several bridges share.
/// </summary>
public sealed class BridgeDatabaseOptions
{
    /// <summary>The embedded back end: <c>DataDirectory/bridge.db</c>.</summary>
    public const string LiteDb = "LiteDb";

    /// <summary>The shared back end: a PostgreSQL database (schema migrated at start).</summary>
    public const string PostgreSql = "PostgreSql";

    /// <summary><c>LiteDb</c> or <c>PostgreSql</c>. Defaults to <c>LiteDb</c>.</summary>
    public string Backend { get; set; } = LiteDb;

    /// <summary>
    /// The Npgsql connection string for <c>PostgreSql</c> (<c>Host=...;Database=...;Username=...;Password=...</c>).
    /// Prefer <see cref="ConnectionStringFile"/> when it holds a password. Empty by default.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>A file holding the connection string instead (e.g. a mounted secret); it wins over <see cref="ConnectionString"/>. Empty by default.</summary>
    public string ConnectionStringFile { get; set; } = string.Empty;

    /// <summary>Most connections this bridge opens to PostgreSQL at once. Defaults to 50.</summary>
    public int MaxPoolSize { get; set; } = 50;

    /// <summary>
    /// Seconds a statement may run, and an operation may wait for a connection (pool or server), before it fails and
    /// the ingest is refused. Defaults to 30.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Adds every mistake, naming its key (never a connection string's value: it may hold a password).</summary>
    internal void Validate(List<string> failures)
    {
        const string Section = "Bridge:Database";
        if (Backend is not (LiteDb or PostgreSql))
        {
            failures.Add($"{Section}:Backend '{Backend}' is not one of {LiteDb}, {PostgreSql}.");
            return;
        }

        if (MaxPoolSize is < 1 or > 1000)
        {
            failures.Add($"{Section}:MaxPoolSize must be 1-1000.");
        }

        if (CommandTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"{Section}:CommandTimeoutSeconds must be 1-3600.");
        }

        if (Backend != PostgreSql)
        {
            return;
        }

        string text;
        if (ConnectionStringFile.Length > 0)
        {
            if (!File.Exists(ConnectionStringFile))
            {
                failures.Add($"{Section}:ConnectionStringFile: file '{ConnectionStringFile}' does not exist.");
                return;
            }

            text = File.ReadAllText(ConnectionStringFile).Trim();
        }
        else
        {
            text = ConnectionString;
        }

        var setting = ConnectionStringFile.Length > 0 ? $"{Section}:ConnectionStringFile" : $"{Section}:ConnectionString";
        if (string.IsNullOrWhiteSpace(text))
        {
            failures.Add($"{setting} is required when {Section}:Backend is {PostgreSql}.");
            return;
        }

        try
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            {
                failures.Add($"{setting} must name a Host and a Database.");
            }
        }
        catch (ArgumentException ex)
        {
            failures.Add($"{setting} is not an Npgsql connection string: {ex.Message}");
        }
    }
}
