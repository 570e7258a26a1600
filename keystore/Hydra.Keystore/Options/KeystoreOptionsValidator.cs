using Hydra.Keystore.Sealing;
using Hydra.Storage;
using Microsoft.Extensions.Options;

namespace Hydra.Keystore.Options;

/// <summary>Fails start-up with every configuration mistake named, instead of failing on first use.</summary>
internal sealed class KeystoreOptionsValidator : IValidateOptions<KeystoreOptions>
{
    public ValidateOptionsResult Validate(string? name, KeystoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.NodeId))
        {
            failures.Add("Keystore:NodeId is required.");
        }
        else if (options.NodeId.Length > 64 || !options.NodeId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            failures.Add("Keystore:NodeId must be 1-64 characters of letters, digits, '-', '_' or '.'.");
        }

        if (!System.Net.IPAddress.TryParse(options.ListenAddress, out _) && options.ListenAddress != "localhost")
        {
            failures.Add($"Keystore:ListenAddress '{options.ListenAddress}' is not an IP address or 'localhost'.");
        }

        if (options.Port is < 0 or > 65535)
        {
            failures.Add($"Keystore:Port {options.Port} is outside 0-65535.");
        }

        options.GridHost().Validate(KeystoreOptions.SectionName, failures);
        options.Tokens.Validate($"{KeystoreOptions.SectionName}:Tokens", failures);
        var before = failures.Count;
        options.Database.Validate(failures);
        var postgres = failures.Count == before && options.Database.ParsedBackend == KeystoreBackend.PostgreSql;
        if (postgres)
        {
            if (!string.IsNullOrWhiteSpace(options.DataFile))
            {
                failures.Add("Keystore:DataFile must be empty with Keystore:Database:Backend PostgreSql: the node keeps its data in that database.");
            }

            if (string.Equals(options.Seal.Kind, nameof(SealKind.KeyFile), StringComparison.OrdinalIgnoreCase) && string.IsNullOrWhiteSpace(options.Seal.KeyFile))
            {
                failures.Add("Keystore:Seal:KeyFile is required with Keystore:Database:Backend PostgreSql (there is no data file to keep it beside), or use Kind Pkcs11.");
            }
        }
        else if (string.IsNullOrWhiteSpace(options.DataFile))
        {
            failures.Add("Keystore:DataFile is required.");
        }
        else
        {
            // The data file's folder is the node's data folder: it and what is in it must be the node's alone.
            DataFolder.Check("Keystore:DataFile", Path.GetDirectoryName(Path.GetFullPath(options.DataFile))!, failures);
        }

        options.Seal.Validate(SealSettings.SectionPath, failures);
        if (options.Storage.MaxBatchSize is < 1 or > 65_536)
        {
            failures.Add("Keystore:Storage:MaxBatchSize must be 1-65536.");
        }

        if (options.Storage.MaxQueuedOperations < options.Storage.MaxBatchSize)
        {
            failures.Add("Keystore:Storage:MaxQueuedOperations must be at least MaxBatchSize.");
        }

        if (options.Storage.CheckpointMegabytes is < 1 or > 4096)
        {
            failures.Add("Keystore:Storage:CheckpointMegabytes must be 1-4096.");
        }

        if (options.Audit.CheckpointIntervalSeconds is < 0.05 or > 86_400)
        {
            failures.Add("Keystore:Audit:CheckpointIntervalSeconds must be between 0.05 and 86400.");
        }

        if (options.Audit.CheckpointPageSize is < 1 or > 2000)
        {
            failures.Add("Keystore:Audit:CheckpointPageSize must be 1-2000.");
        }

        if (options.Audit.HandshakeRefusalIntervalSeconds is < 0.05 or > 86_400 || double.IsNaN(options.Audit.HandshakeRefusalIntervalSeconds))
        {
            failures.Add("Keystore:Audit:HandshakeRefusalIntervalSeconds must be between 0.05 and 86400.");
        }

        foreach (var peer in options.Peers)
        {
            if (string.IsNullOrWhiteSpace(peer.Id) || string.IsNullOrWhiteSpace(peer.Endpoint) || string.IsNullOrWhiteSpace(peer.Identity))
            {
                failures.Add($"Keystore:Peers: peer '{peer.Id}' needs Id, Endpoint and Identity.");
            }
            else if (peer.Id == options.NodeId)
            {
                failures.Add($"Keystore:Peers: '{peer.Id}' is this node itself.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
