using System.CommandLine;

namespace Hydra.CertsDev.Cli;

/// <summary><c>hydra-certs list --pki DIR</c>: the hosts and the cast with their DNs, VOs and FQANs.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var pkiOption = new Option<string>("--pki") { Description = "Folder of an existing dev PKI.", Required = true };
        var command = new Command("list", "List the hosts and users of a dev PKI.") { pkiOption };
        command.SetAction(parseResult =>
        {
            var pki = DevPki.Load(parseResult.GetRequiredValue(pkiOption));
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine($"CA      {pki.CaCertificate.SubjectDN} -> {Describe(pki.CaCertificate)}");
            foreach (var host in pki.Hosts)
            {
                output.WriteLine($"host    {host.Name,-11} {host.SubjectDn}  [{string.Join(", ", host.DnsNames)}]");
            }

            foreach (var user in pki.Users)
            {
                var vo = user.Profile.Vo is null ? "no VO" : $"{user.Profile.Vo}: {string.Join(" ", user.Profile.Fqans)}";
                output.WriteLine($"user    {user.Name,-11} {user.SubjectDn}  ({vo}; {user.Profile.Status.ToString().ToLowerInvariant()}: {user.Profile.Role})");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Describe(Org.BouncyCastle.X509.X509Certificate certificate) =>
        Hydra.Grid.DistinguishedName.FromX509Name(certificate.SubjectDN).ToString();
}
