using Npgsql;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>Which PostgreSQL failures mean "the database is not there now" (try again later), as opposed to a bug.</summary>
internal static class PostgresFailures
{
    /// <summary>
    /// Connection failures and timeouts (a statement, or the wait for a pooled connection), which Npgsql raises as
    /// <see cref="NpgsqlException"/>, and the server's own "going away" or "too busy" answers: SQLSTATE classes 08
    /// (connection), 53 (insufficient resources), 57 (operator intervention: shutdown, restart) and 58 (system error).
    /// Anything else (a constraint, a bug, a caller's own exception) passes through unchanged.
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException => true,
        _ => false,
    };

    /// <summary>What went wrong, in one line without the connection string (it may hold a password).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => $"{postgres.SqlState} {postgres.MessageText}",
        NpgsqlException { InnerException: TimeoutException } npgsql => npgsql.Message,
        NpgsqlException { InnerException: { } inner } npgsql => $"{npgsql.Message} ({inner.Message})",
        _ => exception.Message,
    };
}
