using System.Globalization;
using Npgsql;

namespace Hydra.Testing.Postgres;

/// <summary>
/// A real PostgreSQL 15 server: <c>initdb</c> and <c>pg_ctl</c> run as the <c>postgres</c> user (they refuse root) in a
/// temporary folder that user owns, listening on 127.0.0.1 on a free port with its socket in that folder. It can be
/// restarted, stopped and SIGKILLed (a crash) and started again on the same data; disposing stops it (SIGINT, a fast
/// shutdown) and deletes the folder. Every failure quotes the end of the server's log.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    /// <summary>Where Debian's <c>postgresql-15</c> puts the server programs.</summary>
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _folder;

    private PostgresServer(TempDirectory folder, int port)
    {
        _folder = folder;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The data directory (owned by <c>postgres</c>).</summary>
    public string DataDirectory => _folder.Combine("data");

    /// <summary>The server's log file.</summary>
    public string LogFile => _folder.Combine("server.log");

    /// <summary>The connection string of the <c>postgres</c> maintenance database (trust authentication).</summary>
    public string AdminConnectionString => ConnectionString("postgres") + ";Pooling=false";

    /// <summary>The postmaster's process id while it runs.</summary>
    public int? ProcessId { get; private set; }

    /// <summary>Creates a cluster in a fresh folder and starts it (about a second).</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        foreach (var program in new[] { "initdb", "pg_ctl", "postgres" })
        {
            Peers.Require(Path.Combine(BinDirectory, program), "postgresql-15");
        }

        Peers.Require("runuser", "util-linux");
        var folder = new TempDirectory("hydra-pg");
        var server = new PostgresServer(folder, FreePort.Next());
        try
        {
            await server.InitialiseAsync().ConfigureAwait(false);
            await server.StartAgainAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database named <paramref name="name"/> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync().ConfigureAwait(false);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }

        return ConnectionString(name);
    }

    /// <summary>Starts the server on its existing data (after <see cref="StopAsync"/> or <see cref="KillAsync"/>).</summary>
    public async Task StartAgainAsync()
    {
        if (ProcessId is not null)
        {
            throw new InvalidOperationException("The PostgreSQL server is already running.");
        }

        // A postmaster killed outright leaves its lock files (data folder and socket); its pid may since belong to
        // another process.
        File.Delete(Path.Combine(DataDirectory, "postmaster.pid"));
        var socket = _folder.Combine(".s.PGSQL." + Port.ToString(CultureInfo.InvariantCulture));
        File.Delete(socket + ".lock");
        File.Delete(socket);
        await RunAsPostgresAsync(
            "pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", "-c unix_socket_directories=" + _folder.Path, "start"])
            .ConfigureAwait(false);
        var pidFile = await File.ReadAllLinesAsync(Path.Combine(DataDirectory, "postmaster.pid")).ConfigureAwait(false);
        ProcessId = int.Parse(pidFile[0], CultureInfo.InvariantCulture);
    }

    /// <summary>A clean restart: fast shutdown (open connections are cut), then start on the same data and port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await StartAgainAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Drops the idle connections the tests' own connection-string pools hold to a server that restarted. A data
    /// source a component built itself (the bridge's) is not touched: it must recover on its own.
    /// </summary>
    public static void ForgetTestConnections() => NpgsqlConnection.ClearAllPools();

    /// <summary>Fast shutdown (SIGINT to the postmaster): sessions are cut, committed data is flushed.</summary>
    public async Task StopAsync()
    {
        if (ProcessId is not { } pid)
        {
            return;
        }

        await SignalAsync("INT", pid).ConfigureAwait(false);
        await WaitForExitAsync(pid).ConfigureAwait(false);
        ProcessId = null;
    }

    /// <summary>
    /// A crash: SIGKILL to the postmaster and its backends at once. Committed transactions survive (WAL replay at the
    /// next start); connections break mid-statement.
    /// </summary>
    public async Task KillAsync()
    {
        if (ProcessId is not { } pid)
        {
            return;
        }

        var children = ChildrenOf(pid);
        await SignalAsync("KILL", pid).ConfigureAwait(false);
        foreach (var child in children)
        {
            await SignalAsync("KILL", child).ConfigureAwait(false);
        }

        foreach (var process in children.Prepend(pid))
        {
            await WaitForExitAsync(process).ConfigureAwait(false);
        }

        ProcessId = null;
    }

    /// <summary>The last lines of the server's log (quoted in every error).</summary>
    public string LogTail(int lines = 20)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(LogFile).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no server log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private async Task InitialiseAsync()
    {
        await RunAsync("chown", ["postgres:postgres", _folder.Path]).ConfigureAwait(false);
        await RunAsPostgresAsync(
            "initdb", ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "-N"]).ConfigureAwait(false);
        // Durable as in production (fsync and synchronous_commit stay on); only where it listens is ours.
        await File.AppendAllTextAsync(Path.Combine(DataDirectory, "postgresql.conf"), string.Join('\n',
            "",
            "listen_addresses = '127.0.0.1'",
            $"port = {Port.ToString(CultureInfo.InvariantCulture)}",
            $"unix_socket_directories = '{_folder.Path}'",
            "")).ConfigureAwait(false);
    }

    private Task RunAsPostgresAsync(string program, IEnumerable<string> arguments) =>
        RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(BinDirectory, program), .. arguments]);

    private async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var result = await ProcessRunner.RunAsync(program, arguments, workingDirectory: _folder.Path).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program}' failed (exit {result.ExitCode}): {result.StandardError}{result.StandardOutput}{Environment.NewLine}Server log:{Environment.NewLine}{LogTail()}");
        }
    }

    private Task SignalAsync(string signal, int pid) => ProcessRunner.RunAsync("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);

    private async Task WaitForExitAsync(int pid)
    {
        var deadline = DateTime.UtcNow + StopTimeout;
        while (IsRunning(pid))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"PostgreSQL process {pid} did not stop in {StopTimeout}.{Environment.NewLine}Server log:{Environment.NewLine}{LogTail()}");
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    // A process adopted by PID 1 may linger as a zombie for a moment after it exited: state Z counts as stopped.
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return StatFields(stat)[0] != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static List<int> ChildrenOf(int pid)
    {
        var children = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var candidate))
            {
                continue;
            }

            try
            {
                var fields = StatFields(File.ReadAllText(Path.Combine(directory, "stat")));
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid)
                {
                    children.Add(candidate);
                }
            }
            catch (IOException)
            {
                // Exited while listing.
            }
        }

        return children;
    }

    // /proc/PID/stat: "pid (comm) state ppid ..."; comm may contain spaces, so fields start after the last ')'.
    private static string[] StatFields(string stat) => stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
}
