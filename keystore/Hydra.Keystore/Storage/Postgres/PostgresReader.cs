using Hydra.Keystore.Contract;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// Reads outside the writer, each on a pooled connection of the node's data source: committed rows only. A database
/// out of reach answers UNAVAILABLE naming it.
/// </summary>
internal sealed class PostgresReader : PostgresTables, IKeystoreReader
{
    private readonly NpgsqlDataSource _source;

    public PostgresReader(NpgsqlDataSource source, string description)
        : base(description)
    {
        _source = source;
    }

    protected override T Run<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlCommand, T> execute)
    {
        try
        {
            using var connection = _source.OpenConnection();
            using var command = new NpgsqlCommand(sql, connection);
            bind(command.Parameters);
            return execute(command);
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            _source.Clear();
            throw new KeystoreException(KeystoreError.Unavailable, PostgresErrors.Unreachable(Description, ex).Message + " Retry shortly.", ex);
        }
    }
}
