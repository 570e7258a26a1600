namespace Hydra.Keystore.Options;

/// <summary>
/// Where the node keeps its shares, ACLs and audit trail (section <c>Keystore:Database</c>): the embedded LiteDB file
/// (<see cref="KeystoreOptions.DataFile"/>, the default) or a PostgreSQL database of its own, never shared with another node.
/// </summary>
public sealed class KeystoreDatabaseOptions
{
    /// <summary>The configuration section, under <c>Keystore</c>.</summary>
    public const string SectionPath = "Keystore:Database";

    /// <summary><c>LiteDb</c> (embedded, the default) or <c>PostgreSql</c>.</summary>
    public string Backend { get; set; } = nameof(KeystoreBackend.LiteDb);

    /// <summary>
    /// PostgreSQL: the Npgsql connection string of this node's database (<c>Host=...;Port=...;Database=...;Username=...</c>).
    /// Give this or <see cref="ConnectionStringFile"/>; a password is better kept in the file. Never logged.
    /// </summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>PostgreSQL: a file (mode 0600) holding the connection string, so no password is on a command line or in settings.</summary>
    public string ConnectionStringFile { get; set; } = string.Empty;

    /// <summary>PostgreSQL: most pooled connections for reads outside the writer (the writer holds one more). Defaults to 16.</summary>
    public int MaxPoolSize { get; set; } = 16;

    /// <summary>
    /// PostgreSQL: seconds to wait for a connection or a statement before the call fails UNAVAILABLE. Defaults to 15.
    /// </summary>
    public int CommandTimeoutSeconds { get; set; } = 15;

    /// <summary>
    /// PostgreSQL: apply the schema migrations the database lacks at start (true, the default), or refuse to start
    /// naming the command that applies them (<c>database migrate</c>), for sites that change schemas by hand.
    /// </summary>
    public bool MigrateAtStart { get; set; } = true;

    /// <summary>The configured back end; call after validation succeeded.</summary>
    public KeystoreBackend ParsedBackend => Enum.Parse<KeystoreBackend>(Backend, ignoreCase: true);

    /// <summary>Adds a message per mistake, each naming its setting.</summary>
    public void Validate(List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        if (!Enum.TryParse<KeystoreBackend>(Backend, ignoreCase: true, out var backend) || !Enum.IsDefined(backend))
        {
            failures.Add($"{SectionPath}:Backend '{Backend}' is not LiteDb or PostgreSql.");
            return;
        }

        if (backend != KeystoreBackend.PostgreSql)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString) == string.IsNullOrWhiteSpace(ConnectionStringFile))
        {
            failures.Add($"{SectionPath}: give exactly one of ConnectionString and ConnectionStringFile with Backend PostgreSql.");
        }
        else if (ConnectionStringFile.Length > 0 && !File.Exists(ConnectionStringFile))
        {
            failures.Add($"{SectionPath}:ConnectionStringFile '{ConnectionStringFile}' does not exist.");
        }

        if (MaxPoolSize is < 1 or > 1024)
        {
            failures.Add($"{SectionPath}:MaxPoolSize must be 1-1024.");
        }

        if (CommandTimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"{SectionPath}:CommandTimeoutSeconds must be 1-3600.");
        }
    }

    /// <summary>The connection string, read from <see cref="ConnectionStringFile"/> when that is set.</summary>
    public string ReadConnectionString() =>
        ConnectionStringFile.Length > 0 ? File.ReadAllText(ConnectionStringFile).Trim() : ConnectionString;
}
