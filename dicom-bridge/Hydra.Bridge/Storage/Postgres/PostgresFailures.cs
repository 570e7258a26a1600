using System.Net.Sockets;
using Npgsql;

namespace Hydra.Bridge.Storage.Postgres;

/// <summary>Which PostgreSQL failures mean "the database is not there now" (try again later), as opposed to a bug.</summary>
internal static class PostgresFailures
{
    /// <summary>
    /// Connection failures, timeouts (a statement or the wait for a pooled connection) and the server's own "going
    /// away" or "too busy" answers: SQLSTATE classes 08 (connection), 53 (insufficient resources), 57 (operator
    /// intervention: shutdown, restart) and 58 (system error).
    /// </summary>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException => true,
        TimeoutException or SocketException or IOException => true,
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
