using System.CommandLine;
using Hydra.Grid;

namespace Hydra.CertsDev.Cli;

/// <summary>
/// <c>hydra-certs proxy --pki DIR --user NAME [--vo VO] [--fqan F]... [--hours H] [--limited] [--path-length N] --out FILE</c>.
/// </summary>
internal static class ProxyCommand
{
    public static Command Create()
    {
        var pkiOption = new Option<string>("--pki") { Description = "Folder of an existing dev PKI.", Required = true };
        var userOption = new Option<string>("--user") { Description = "Cast member, e.g. clinician, reader, researcher.", Required = true };
        var voOption = new Option<string?>("--vo") { Description = "VO of the AC (default: the user's VO)." };
        var fqanOption = new Option<string[]>("--fqan") { Description = "FQAN to assert, repeatable, in order (default: the user's).", AllowMultipleArgumentsPerToken = false };
        var hoursOption = new Option<double>("--hours") { Description = "Proxy and AC lifetime in hours.", DefaultValueFactory = _ => 12 };
        var limitedOption = new Option<bool>("--limited") { Description = "Make a limited proxy." };
        var pathLengthOption = new Option<int?>("--path-length") { Description = "pCPathLenConstraint: proxies allowed below this one." };
        var outOption = new Option<string>("--out") { Description = "Proxy file to write (mode 0600).", Required = true };
        var command = new Command("proxy", "Make an RFC 3820 proxy carrying a VOMS AC.")
        {
            pkiOption, userOption, voOption, fqanOption, hoursOption, limitedOption, pathLengthOption, outOption,
        };
        command.SetAction(parseResult =>
        {
            var pki = DevPki.Load(parseResult.GetRequiredValue(pkiOption));
            var request = BuildRequest(
                pki,
                parseResult.GetRequiredValue(userOption),
                parseResult.GetValue(voOption),
                parseResult.GetValue(fqanOption) ?? [],
                parseResult.GetValue(hoursOption),
                parseResult.GetValue(pathLengthOption)) with
            {
                Limited = parseResult.GetValue(limitedOption),
                OutputPath = parseResult.GetRequiredValue(outOption),
            };
            var proxy = pki.CreateProxy(request);
            var attributes = proxy.Vo is null ? "no AC" : $"AC {proxy.Vo}: {string.Join(" ", proxy.Fqans)}";
            parseResult.InvocationConfiguration.Output.WriteLine(
                $"{proxy.Path}: {(request.Limited ? "limited " : string.Empty)}proxy of {DistinguishedName.FromX509Name(proxy.Chain[^1].SubjectDN)}, {attributes}, until {proxy.Certificate.NotAfter:u}");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static ProxyRequest BuildRequest(DevPki pki, string userName, string? vo, string[] fqans, double hours, int? pathLength)
    {
        if (pki.Users.All(u => u.Name != userName))
        {
            throw new UsageException($"Unknown user '{userName}'. Users: {string.Join(", ", pki.Users.Select(u => u.Name))}.");
        }

        if (hours is <= 0 or > 24 * 366)
        {
            throw new UsageException($"--hours must be between 0 and 8784; got {hours}.");
        }

        if (pathLength < 0)
        {
            throw new UsageException($"--path-length must not be negative; got {pathLength}.");
        }

        var effectiveVo = vo ?? pki.User(userName).Profile.Vo;
        if (fqans.Length > 0 && effectiveVo is null)
        {
            throw new UsageException($"User '{userName}' has no VO; give --vo with --fqan.");
        }

        if (fqans.Length == 0 && vo is not null && vo != pki.User(userName).Profile.Vo)
        {
            throw new UsageException($"User '{userName}' is not in VO '{vo}'; give the FQANs to assert with --fqan.");
        }

        foreach (var text in fqans)
        {
            if (!Fqan.TryParse(text, out var fqan) || fqan.Vo != effectiveVo)
            {
                throw new UsageException($"Bad FQAN '{text}': it must look like /{effectiveVo}/group[/Role=role] and belong to VO '{effectiveVo}'.");
            }
        }

        return new ProxyRequest
        {
            User = userName,
            Vo = effectiveVo,
            Fqans = fqans.Length > 0 ? fqans : null,
            Lifetime = TimeSpan.FromHours(hours),
            PathLength = pathLength,
        };
    }
}
