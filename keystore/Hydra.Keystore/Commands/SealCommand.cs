using System.Globalization;
using Hydra.Keystore.Options;
using Hydra.Keystore.Sealing;
using Hydra.Keystore.Storage;

namespace Hydra.Keystore.Commands;

/// <summary>
/// <c>dotnet Hydra.Keystore.dll seal migrate --Keystore:DataFile=... [--Keystore:Seal:...] [--BatchSize=500]</c>: seals every
/// envelope of a stopped node's data file written before sealing, verifies each, and reports counts. It reads the same
/// configuration as the node (appsettings.json, <c>Keystore__*</c> variables, the command line), so the node's own
/// settings name the seal. Safe to run again or after a crash: it resumes and skips what is sealed.
/// </summary>
internal static class SealCommand
{
    private const int DefaultBatchSize = 500;

    public static int Run(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        var options = configuration.GetSection(KeystoreOptions.SectionName).Get<KeystoreOptions>() ?? new KeystoreOptions();
        var batchSize = configuration.GetValue("BatchSize", DefaultBatchSize);
        var failures = Validate(options, batchSize);
        if (failures.Count > 0)
        {
            error.WriteLine("seal: " + string.Join(Environment.NewLine + "seal: ", failures));
            return 2;
        }

        try
        {
            var report = Seal(options, batchSize, output, cancellationToken);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"seal: sealed {report.Sealed} envelopes in {report.Batches} batches ({report.AlreadySealed} were already sealed); "
                + $"verified {report.Verified}: every envelope of '{options.DataFile}' opens, none is left unsealed."));
            return 0;
        }
        catch (SealException ex)
        {
            error.WriteLine($"seal: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            error.WriteLine("seal: interrupted; the batch under way was rolled back, run the command again to finish.");
            return 1;
        }
        catch (IOException ex)
        {
            error.WriteLine($"seal: the data file '{options.DataFile}' could not be opened (is its node still running? stop it first): {ex.Message}");
            return 1;
        }
    }

    private static SealMigrationReport Seal(KeystoreOptions options, int batchSize, TextWriter output, CancellationToken cancellationToken)
    {
        // The seal key first: a missing token or a refused PIN stops here, before the data file is opened.
        using var key = SealKeys.Open(options.Seal.ForDataFile(options.DataFile), cancellationToken);
        SealMigrationReport report;
        using (var database = new KeystoreDatabase(options.DataFile))
        {
            output.WriteLine($"seal: sealing '{options.DataFile}' under a data key wrapped by {key.Description}");
            var migration = new SealMigrationOptions(batchSize)
            {
                AfterBatch = (batches, sealedCount) => output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture, $"seal: batch {batches} durable, {sealedCount} envelopes sealed so far")),
            };
            report = SealMigration.Run(database, key, migration, TimeProvider.System, cancellationToken);
        }

        if (!report.WasMarkedSealed)
        {
            output.WriteLine("seal: copying the data file afresh, so no page of it keeps a clear envelope");
            SealedCopy.Replace(options.DataFile, batchSize, cancellationToken);
            using var copy = new KeystoreDatabase(options.DataFile);
            using var cipher = DataKeys.Open(key, copy.ReadSeal()!.Key);
            var verified = SealMigration.VerifyAll(copy, cipher, cancellationToken);
            if (verified != report.Verified)
            {
                throw new SealException($"The fresh copy of '{options.DataFile}' holds {verified} envelopes, not {report.Verified}.");
            }
        }

        return report;
    }

    private static List<string> Validate(KeystoreOptions options, int batchSize)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataFile))
        {
            failures.Add("Keystore:DataFile is required: the data file to seal.");
        }
        else if (!File.Exists(options.DataFile))
        {
            failures.Add($"Keystore:DataFile: file '{options.DataFile}' does not exist.");
        }

        if (batchSize is < 1 or > 65_536)
        {
            failures.Add("BatchSize must be 1-65536.");
        }

        options.Seal.Validate(SealSettings.SectionPath, failures);
        return failures;
    }
}
