using System.Data;
using Hydra.Storage;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>
/// The writer's connection: one PostgreSQL transaction per batch of the group-commit writer, made durable by the
/// server's commit (no fsync or checkpoint here). Writer thread only. A connection that broke is dropped and the next
/// batch opens a fresh one, so the node serves again as soon as the database does.
/// </summary>
internal sealed class PostgresWriterSession : PostgresTables, IBatchDatabase, IKeystoreBatch, IDisposable
{
    private readonly NpgsqlDataSource _source;
    private NpgsqlConnection? _connection;
    private NpgsqlTransaction? _transaction;

    public PostgresWriterSession(NpgsqlDataSource source, string description)
        : base(description)
    {
        _source = source;
    }

    public void BeginTransaction()
    {
        try
        {
            if (_connection is not { State: ConnectionState.Open })
            {
                Drop();
                _connection = _source.OpenConnection();
            }

            _transaction = _connection.BeginTransaction(IsolationLevel.ReadCommitted);
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            throw Lost(ex);
        }
    }

    public void Rollback()
    {
        var transaction = _transaction;
        _transaction = null;
        try
        {
            transaction?.Rollback();
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex) || ex is InvalidOperationException)
        {
            // The session is gone, and its open transaction with it: the server rolled it back.
            Drop();
        }
    }

    public void CommitDurably()
    {
        try
        {
            (_transaction ?? throw new InvalidOperationException("No PostgreSQL transaction is open on the writer.")).Commit();
            _transaction = null;
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            throw Lost(ex);
        }
    }

    /// <summary>Nothing to do: the server checkpoints its own write-ahead log.</summary>
    public bool CheckpointIfLarge(long thresholdBytes) => false;

    protected override T Run<T>(string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlCommand, T> execute)
    {
        try
        {
            using var command = new NpgsqlCommand(sql, _connection, _transaction);
            bind(command.Parameters);
            return execute(command);
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            throw Lost(ex);
        }
    }

    private KeystoreDatabaseException Lost(Exception ex)
    {
        Drop();
        // Idle pooled connections to a server that went away are as dead as this one.
        _source.Clear();
        return PostgresErrors.Unreachable(Description, ex);
    }

    private void Drop()
    {
        _transaction = null;
        var connection = _connection;
        _connection = null;
        try
        {
            connection?.Dispose();
        }
        catch (Exception ex) when (PostgresErrors.IsUnreachable(ex))
        {
            // Closing a broken connection may report the break again; it is closed either way.
        }
    }

    public void Dispose() => Drop();
}
