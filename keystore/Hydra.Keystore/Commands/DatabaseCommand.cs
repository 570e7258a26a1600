using System.Globalization;
using Hydra.Keystore.Options;
using Hydra.Keystore.Storage.Postgres;

namespace Hydra.Keystore.Commands;

/// <summary>
/// <c>dotnet Hydra.Keystore.dll database migrate [--Keystore:Database:...]</c>: applies the schema migrations a node's
/// PostgreSQL database lacks, with the node's own settings (appsettings.json, <c>Keystore__*</c> variables, the command
/// line), for sites that run nodes with <c>MigrateAtStart=false</c>. Safe to run again, and beside a running node
/// (migrations take an advisory lock).
/// </summary>
internal static class DatabaseCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = configuration.GetSection(KeystoreOptions.SectionName).Get<KeystoreOptions>() ?? new KeystoreOptions();
        var failures = new List<string>();
        options.Database.Validate(failures);
        if (failures.Count == 0 && options.Database.ParsedBackend != KeystoreBackend.PostgreSql)
        {
            failures.Add($"{KeystoreDatabaseOptions.SectionPath}:Backend is {options.Database.Backend}: only a PostgreSQL database has migrations.");
        }

        if (failures.Count > 0)
        {
            error.WriteLine("database: " + string.Join(Environment.NewLine + "database: ", failures));
            return 2;
        }

        try
        {
            var (found, applied, description) = PostgresKeystoreDatabase.MigrateOnly(options.Database);
            foreach (var (version, name) in applied)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database: applied {version} ({name})"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"database: {description} is at schema version {PostgresSchema.Latest} (was {found})."));
            return 0;
        }
        catch (KeystoreDatabaseException ex)
        {
            error.WriteLine($"database: {ex.Message}");
            return 1;
        }
    }
}
