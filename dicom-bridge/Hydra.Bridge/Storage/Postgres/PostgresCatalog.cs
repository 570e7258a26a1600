using Hydra.Bridge.Options;
using Npgsql;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>Builds the pooled data source <see cref="PostgresBridgeStore"/> uses from <c>Bridge:Database</c>.</summary>
internal static class PostgresCatalog
{
    /// <summary>The connection string from the options (or the file they name), with their pool and timeouts applied.</summary>
    public static NpgsqlDataSource Open(BridgeDatabaseOptions options)
    {
        var text = options.ConnectionStringFile.Length > 0 ? File.ReadAllText(options.ConnectionStringFile).Trim() : options.ConnectionString;
        var builder = new NpgsqlConnectionStringBuilder(text)
        {
            MaxPoolSize = options.MaxPoolSize,
            CommandTimeout = options.CommandTimeoutSeconds,
            // How long an operation waits for a connection, from the pool or the server, before it is refused.
            Timeout = options.CommandTimeoutSeconds,
        };
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
