using System.CommandLine;
using Org.BouncyCastle.Crypto.Parameters;

namespace Hydra.CertsDev.Cli;

/// <summary><c>hydra-certs init --out DIR [--force] [--ec-host NAME]...</c>: writes a fresh PKI and says what it made.</summary>
internal static class InitCommand
{
    public static Command Create()
    {
        var outOption = new Option<string>("--out") { Description = "Folder to write the PKI into (created if missing).", Required = true };
        var forceOption = new Option<bool>("--force") { Description = "Replace a PKI already in the folder." };
        var ecHostOption = new Option<string[]>("--ec-host")
        {
            Description = "Give this host (node1, node2, node3 or bridge) an EC P-256 key instead of RSA 2048; repeatable.",
        };
        var command = new Command("init", "Create a dev PKI: CA + CRL, hosts, users, VOMS AA, vomsdir, trust directory.")
        {
            outOption,
            forceOption,
            ecHostOption,
        };
        command.SetAction(parseResult =>
        {
            var options = new DevPkiOptions { Force = parseResult.GetValue(forceOption), EcHosts = parseResult.GetValue(ecHostOption) ?? [] };
            var unknown = options.EcHosts.FirstOrDefault(h => !options.Hosts.Contains(h, StringComparer.Ordinal));
            if (unknown is not null)
            {
                throw new UsageException($"Unknown host '{unknown}' in --ec-host. Hosts: {string.Join(", ", options.Hosts)}.");
            }

            var pki = DevPki.Create(parseResult.GetRequiredValue(outOption), options);
            Describe(pki, parseResult.InvocationConfiguration.Output);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string EcNote(DevPki pki)
    {
        var ec = pki.Hosts.Where(h => h.PrivateKey is ECPrivateKeyParameters).Select(h => h.Name).ToList();
        return ec.Count == 0 ? string.Empty : $" (EC P-256: {string.Join(", ", ec)})";
    }

    private static void Describe(DevPki pki, TextWriter output)
    {
        string Relative(string path) => Path.GetRelativePath(pki.Folder, path);
        var revoked = pki.Users.Where(u => u.Profile.Status == DevUserStatus.Revoked).Select(u => u.Name);
        output.WriteLine($"Dev PKI in {pki.Folder} (development and tests only)");
        output.WriteLine($"  CA        {Relative(pki.CaCertificatePath)}, ca/ca.key, {Relative(pki.CrlPath)} (revokes: {string.Join(", ", revoked)})");
        output.WriteLine($"  trust     {Relative(pki.TrustDirectory)}/{pki.CaHash}.0, {pki.CaHash}.r0");
        output.WriteLine($"  hosts     hosts/{{{string.Join(',', pki.Hosts.Select(h => h.Name))}}}/hostcert.pem + hostkey.pem{EcNote(pki)}");
        output.WriteLine($"  users     users/{{{string.Join(',', pki.Users.Select(u => u.Name))}}}/usercert.pem + userkey.pem");
        output.WriteLine($"  VOMS AA   {Relative(pki.AttributeAuthority.CertificatePath)}, {Relative(pki.AttributeAuthority.KeyPath)} ({pki.AttributeAuthority.HostName})");
        output.WriteLine($"  vomsdir   {string.Join(", ", pki.VoAuthorities.Keys.Select(vo => $"vomsdir/{vo}/{pki.AttributeAuthority.HostName}.lsc"))}");
        output.WriteLine($"  rogue     {Relative(pki.RogueCa.CertificatePath)}, {Relative(pki.RogueAttributeAuthority.CertificatePath)} (untrusted, for negative tests)");
        output.WriteLine($"  manifest  {Relative(pki.ManifestPath)}");
    }
}
