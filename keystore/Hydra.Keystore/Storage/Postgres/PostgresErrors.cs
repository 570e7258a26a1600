using System.Net.Sockets;
using Npgsql;

namespace Hydra.Keystore.Storage.Postgres;

/// <summary>Which PostgreSQL failures mean "out of reach" (retry later) rather than a refusal or a bug.</summary>
internal static class PostgresErrors
{
    /// <summary>
    /// A connection that could not be made or broke (network, timeout, server shutting down or starting: SQLSTATE
    /// classes 08, 53, 57P0x) as opposed to an error the server answered about the statement itself.
    /// </summary>
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        PostgresException server => server.IsTransient,
        NpgsqlException => true,
        SocketException or TimeoutException => true,
        _ => false,
    };

    /// <summary>The cause in a sentence (Npgsql's messages name host and port, never the password).</summary>
    public static string Reason(Exception exception) => exception switch
    {
        PostgresException server => $"{server.SqlState} {server.MessageText}",
        { InnerException: { } inner } when exception is NpgsqlException => $"{exception.Message} ({inner.Message})",
        _ => exception.Message,
    };

    public static KeystoreDatabaseException Unreachable(string description, Exception exception) =>
        new($"The keystore node's database, {description}, is out of reach: {Reason(exception)}.", unreachable: true, exception);
}
