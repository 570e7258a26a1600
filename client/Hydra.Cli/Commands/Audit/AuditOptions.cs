using System.CommandLine;
using Hydra.Audit;
using Hydra.Client.Auditing;

namespace Hydra.Cli.Commands.Audit;

/// <summary>The options of <c>hydra audit</c>, and the investigation they describe.</summary>
internal sealed class AuditOptions
{
    public const string Table = "table";
    public const string Json = "json";
    public const string Csv = "csv";
    public const string Html = "html";

    public AuditOptions()
    {
        Outcome.AcceptOnlyFromAmong(AuditEntry.Allowed, AuditEntry.Denied, AuditEntry.Failed);
        Format.AcceptOnlyFromAmong(Table, Json, Csv, Html);
    }

    public Option<string[]> Nodes { get; } = new("--node") { Description = "Read and verify only these nodes (default: every node)." };

    public Option<DateTimeOffset?> From { get; } = new("--from") { Description = "Show records at or after this time (ISO 8601)." };

    public Option<DateTimeOffset?> To { get; } = new("--to") { Description = "Show records before this time (ISO 8601)." };

    /// <summary>Not <c>--key</c>, which every command takes as the private key file (it was, and collided).</summary>
    public Option<string?> KeyId { get; } = new("--key-id") { Description = "Show records about this key id." };

    public Option<string?> Subject { get; } = new("--subject") { Description = "Show records of this subject DN (slash form), as actor or delegate." };

    public Option<string?> Outcome { get; } = new("--outcome") { Description = "Show allowed, denied or failed records." };

    public Option<int> Limit { get; } = new("--limit") { Description = "List at most this many records, the newest (0: all); flags and summaries cover all." };

    public Option<string?> Format { get; } = new("--format") { Description = "table (default), json, csv (the records) or html (a self-contained page)." };

    public Option<FileInfo?> Out { get; } = new("--out") { Description = "Write the report to this file (mode 600) instead of stdout." };

    public Option<double> Window { get; } = new("--window")
    {
        Description = "Minutes within which M nodes releasing one key to one subject count as a reconstruction.",
        DefaultValueFactory = _ => new AuditAnalysisOptions().ReconstructionWindow.TotalMinutes,
    };

    public Option<int> VolumeLimit { get; } = new("--volume-limit")
    {
        Description = "Distinct keys released to one subject in a clock hour above which the hour is flagged.",
        DefaultValueFactory = _ => new AuditAnalysisOptions().HourlyKeyLimit,
    };

    public Option<double> VolumeMultiple { get; } = new("--volume-multiple")
    {
        Description = "Flag an hour above this many times the subject's usual hourly rate.",
        DefaultValueFactory = _ => new AuditAnalysisOptions().UsualRateMultiple,
    };

    public Option<FileInfo?> Identities { get; } = new("--identities")
    {
        Description = "Identity links (JSON): group each person's linked certificate and token principals under their name.",
    };

    public Option<bool> FromCheckpoint { get; } = new("--from-checkpoint")
    {
        Description = "With --from: read each trail from the newest peer-witnessed checkpoint before that time, not from record 1.",
    };

    public IEnumerable<Option> All =>
        [Nodes, From, To, KeyId, Subject, Outcome, Limit, Format, Out, Window, VolumeLimit, VolumeMultiple, FromCheckpoint, Identities];

    /// <summary>
    /// Why the private-key option looks like the audit filter's old spelling (<c>--key ID</c>, now <c>--key-id</c>), or
    /// null: given twice (a key file and a key id), or naming no file but a valid key id.
    /// </summary>
    public static string? OldKeyFilterSpelling(System.CommandLine.Parsing.OptionResult? privateKey)
    {
        var values = privateKey?.Tokens.Select(t => t.Value).ToList() ?? [];
        var keyId = values.FirstOrDefault(v => !File.Exists(v) && Hydra.Keystore.Contract.KeyId.TryParse(v, out _));
        if (values.Count > 1)
        {
            return $"--key is your private key file and was given {values.Count} times; to show records about a key, use --key-id {keyId ?? "ID"} "
                + "(the filter's name since it collided with --key).";
        }

        return keyId is null ? null
            : $"--key '{keyId}' names no file: --key is your private key file; to show records about key '{keyId}', use --key-id {keyId} "
              + "(the filter's name since it collided with --key).";
    }

    /// <summary>The investigation the command line asks for; a value out of range is a usage error.</summary>
    public AuditInvestigationOptions Investigation(ParseResult parseResult)
    {
        var options = new AuditInvestigationOptions
        {
            Nodes = parseResult.GetValue(Nodes) ?? [],
            Selection = new AuditSelection
            {
                From = parseResult.GetValue(From),
                To = parseResult.GetValue(To),
                KeyId = parseResult.GetValue(KeyId),
                Subject = parseResult.GetValue(Subject),
                Outcome = parseResult.GetValue(Outcome),
            },
            Analysis = new AuditAnalysisOptions
            {
                ReconstructionWindow = TimeSpan.FromMinutes(parseResult.GetValue(Window)),
                HourlyKeyLimit = parseResult.GetValue(VolumeLimit),
                UsualRateMultiple = parseResult.GetValue(VolumeMultiple),
            },
            StartAtWitnessedCheckpoint = parseResult.GetValue(FromCheckpoint),
            Limit = parseResult.GetValue(Limit),
            Identities = LoadIdentities(parseResult.GetValue(Identities)),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message, ex);
        }

        if (options.StartAtWitnessedCheckpoint && options.Selection.From is null)
        {
            throw new UsageException("--from-checkpoint needs --from: it starts each trail at a checkpoint before that time.");
        }

        return options;
    }

    /// <summary>The links file, read before any node is asked: a bad file is a usage error naming what is wrong.</summary>
    private static IdentityLinks? LoadIdentities(FileInfo? file)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            return IdentityLinks.Load(file.FullName);
        }
        catch (FormatException ex)
        {
            throw new UsageException("--identities: " + ex.Message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"--identities: cannot read {file.FullName}: {ex.Message}", ex);
        }
    }
}
