using Hydra.Access;
using Hydra.Dicom.Deidentification;
using Hydra.Storage;
using Microsoft.Extensions.Options;

namespace Hydra.Bridge.Options;

/// <summary>Fails start-up with every configuration mistake named.</summary>
internal sealed class BridgeOptionsValidator : IValidateOptions<BridgeOptions>
{
    public ValidateOptionsResult Validate(string? name, BridgeOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.AeTitle) || options.AeTitle.Length > 16)
        {
            failures.Add("Bridge:AeTitle must be 1-16 characters.");
        }

        foreach (var (setting, port) in new[] { ("DicomPort", options.DicomPort), ("DicomTlsPort", options.DicomTlsPort), ("ReaderPort", options.ReaderPort) })
        {
            if (port is < 0 or > 65535)
            {
                failures.Add($"Bridge:{setting} {port} is outside 0-65535.");
            }
        }

        if (Require(failures, "DataDirectory", options.DataDirectory))
        {
            DataFolder.Check("Bridge:DataDirectory", options.DataDirectory, failures);
        }

        RequireFile(failures, "ClusterFile", options.ClusterFile);
        options.GridHost().Validate(BridgeOptions.SectionName, failures);
        options.Tokens.Validate($"{BridgeOptions.SectionName}:Tokens", failures);

        foreach (var certificate in options.ReidentificationCertificates)
        {
            RequireFile(failures, "ReidentificationCertificates", certificate);
        }

        foreach (var (source, settings) in options.Sources)
        {
            foreach (var option in settings.Options)
            {
                if (!Enum.TryParse<ConfidentialityOptions>(option, ignoreCase: false, out _))
                {
                    failures.Add($"Bridge:Sources:{source}:Options: '{option}' is not a PS3.15 option; use one of {string.Join(", ", Enum.GetNames<ConfidentialityOptions>())}.");
                }
            }

            if (settings.BurnedInAnnotation.Length > 0 && !Enum.TryParse<BurnedInAnnotationPolicy>(settings.BurnedInAnnotation, ignoreCase: false, out _))
            {
                failures.Add($"Bridge:Sources:{source}:BurnedInAnnotation: '{settings.BurnedInAnnotation}' is not one of {string.Join(", ", Enum.GetNames<BurnedInAnnotationPolicy>())}.");
            }
        }

        foreach (var (aeTitle, destination) in options.MoveDestinations)
        {
            try
            {
                MoveDestinationText.Parse(aeTitle, destination);
            }
            catch (FormatException ex)
            {
                failures.Add(ex.Message);
            }
        }

        foreach (var (setting, rules) in AclSettings(options))
        {
            foreach (var rule in rules)
            {
                try
                {
                    Access.AclEntry.ParseRule(rule);
                }
                catch (FormatException ex)
                {
                    failures.Add($"Bridge:{setting}: {ex.Message}");
                }
            }
        }

        foreach (var curator in options.Curators)
        {
            if (!Hydra.Access.Principal.TryParse(curator, out _, out var error))
            {
                failures.Add($"Bridge:Curators: '{curator}': {error}");
            }
        }

        if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _) && options.ListenAddress != "localhost")
        {
            failures.Add($"Bridge:ListenAddress '{options.ListenAddress}' is not an IP address.");
        }

        ValidateDicomWeb(options.DicomWeb, failures);
        options.Portal.Validate(failures);
        if (options.Portal.ReadersSignIn && !options.Tokens.Enabled)
        {
            failures.Add("Bridge:Portal:KeystoreResource needs a Bridge:Tokens issuer: clinicians' access tokens are validated as the reader endpoint's are.");
        }

        if (options.Ingest.HandoffRetrySeconds is < 0.1 or > 3600)
        {
            failures.Add("Bridge:Ingest:HandoffRetrySeconds must be 0.1-3600.");
        }

        if (options.Ingest.KeyPoolSize is < 1 or > 5000)
        {
            failures.Add("Bridge:Ingest:KeyPoolSize must be 1-5000.");
        }

        if (options.Ingest.MaxKeyBatch is < 1 or > 5000)
        {
            failures.Add("Bridge:Ingest:MaxKeyBatch must be 1-5000.");
        }

        if (options.Ingest.KeyBatchDelayMilliseconds is < 0 or > 1000)
        {
            failures.Add("Bridge:Ingest:KeyBatchDelayMilliseconds must be 0-1000.");
        }

        if (options.Ingest.MaxKeyBatchesInFlight is < 1 or > 64)
        {
            failures.Add("Bridge:Ingest:MaxKeyBatchesInFlight must be 1-64.");
        }

        try
        {
            options.PixelCleaning.Validate();
        }
        catch (ArgumentException e)
        {
            // The message names the setting under PixelCleaning; the parameter suffix .NET appends repeats it.
            failures.Add($"{BridgeOptions.SectionName}:{e.Message.Replace($" (Parameter '{e.ParamName}')", string.Empty, StringComparison.Ordinal)}");
        }

        if (options.Objects.IsS3)
        {
            options.Objects.S3.Validate(failures);
        }
        else if (options.Objects.Backend != BridgeObjectOptions.FolderBackend)
        {
            failures.Add($"Bridge:Objects:Backend '{options.Objects.Backend}' is not one of Folder, S3.");
        }

        options.SenderLimits.Validate(failures);
        options.Patients.Validate(failures);
        options.Database.Validate(failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<(string Setting, List<string> Rules)> AclSettings(BridgeOptions options)
    {
        yield return ("DefaultAcl", options.DefaultAcl);
        yield return ("QuarantineAcl", options.QuarantineAcl);
        foreach (var (source, settings) in options.Sources)
        {
            yield return ($"Sources:{source}:Acl", settings.Acl);
        }
    }

    private static bool Require(List<string> failures, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"Bridge:{setting} is required.");
            return false;
        }

        return true;
    }

    private static void RequireFile(List<string> failures, string setting, string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"Bridge:{setting} is required.");
        }
        else if (!File.Exists(path))
        {
            failures.Add($"Bridge:{setting}: file '{path}' does not exist.");
        }
    }

    private static void ValidateDicomWeb(BridgeDicomWebOptions web, List<string> failures)
    {
        if (web.MaxResults is < 1 or > 100_000)
        {
            failures.Add("Bridge:DicomWeb:MaxResults must be 1-100000.");
        }

        if (web.MaxConcurrentRequests is < 1 or > 10_000)
        {
            failures.Add("Bridge:DicomWeb:MaxConcurrentRequests must be 1-10000.");
        }

        if (web.RetryAfterSeconds is < 1 or > 3600)
        {
            failures.Add("Bridge:DicomWeb:RetryAfterSeconds must be 1-3600.");
        }

        if (web.MaxInstanceBytes is < 1024 or > 4L * 1024 * 1024 * 1024)
        {
            failures.Add("Bridge:DicomWeb:MaxInstanceBytes must be 1 KiB-4 GiB.");
        }

        if (web.MaxInstancesPerRequest is < 1 or > 1_000_000)
        {
            failures.Add("Bridge:DicomWeb:MaxInstancesPerRequest must be 1-1000000.");
        }

        foreach (var (principal, source) in web.Senders)
        {
            if (!Principal.TryParse(principal, out _, out var error))
            {
                failures.Add($"Bridge:DicomWeb:Senders: '{principal}' is not a principal: {error}");
            }

            if (string.IsNullOrWhiteSpace(source) || source.Length > 64)
            {
                failures.Add($"Bridge:DicomWeb:Senders:{principal}: the source name must be 1-64 characters.");
            }
        }
    }
}
