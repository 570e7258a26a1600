using System.CommandLine;
using System.Text;
using Hydra.Cli.Connection;
using Hydra.Cli.Output;
using Hydra.Cli.Tokens;
using Hydra.Cluster;
using Hydra.Storage.Files;
using Spectre.Console;

namespace Hydra.Cli.Commands.Login;

/// <summary>
/// <c>hydra login</c>: the OAuth 2.0 device authorization grant (RFC 8628). Prints where to approve and the user code
/// on stderr, waits for the approval, and writes the access token where token discovery finds it (mode 600, atomically).
/// Issuer, client, scope and resource come from the options, else from the cluster file's <c>tokens</c> section.
/// </summary>
internal static class LoginCommand
{
    /// <summary>The client id when neither an option nor the cluster file names one: a public client registered for hydra.</summary>
    public const string DefaultClientId = "hydra-cli";

    public const string DefaultScope = "openid";

    /// <summary>Bounds each request to the issuer; the wait for the user is bounded by the code's own lifetime.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context, ClusterOptions cluster)
    {
        var issuer = new Option<string?>("--issuer") { Description = "The token issuer (https URL). Default: the cluster file's tokens.issuer." };
        var clientId = new Option<string?>("--client-id") { Description = $"The OAuth client id. Default: tokens.clientId, else {DefaultClientId}." };
        var scope = new Option<string?>("--scope") { Description = $"Scopes to ask for. Default: tokens.scope, else '{DefaultScope}'." };
        var resource = new Option<string?>("--resource") { Description = "The audience to ask for (RFC 8707), one the nodes accept. Default: tokens.resource." };
        var output = new Option<FileInfo?>("--output")
        {
            Description = "Write the token here instead of $XDG_RUNTIME_DIR/bt_u<uid> (else /tmp/bt_u<uid>), where hydra and grid tools look.",
        };
        var command = new Command("login", "Get a bearer token from the issuer by the device flow, approved in a browser anywhere.")
        {
            issuer, clientId, scope, resource, output,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var result = context.OutputFor(parseResult);
            var defaults = Defaults(cluster, parseResult);
            var request = new LoginRequest(
                IssuerPolicy.Issuer(parseResult.GetValue(issuer) ?? defaults?.Issuer ?? throw new UsageException(
                    $"No issuer: give --issuer URL, or a \"tokens\": {{ \"issuer\": ... }} section in the cluster file '{cluster.ConfigurationPath(parseResult)}'.")),
                parseResult.GetValue(clientId) ?? defaults?.ClientId ?? DefaultClientId,
                parseResult.GetValue(scope) ?? defaults?.Scope ?? DefaultScope,
                parseResult.GetValue(resource) ?? defaults?.Resource);
            var target = parseResult.GetValue(output)?.FullName ?? TokenDiscovery.LoginLocation(context.Environment)
                ?? throw new UsageException("This system has no user id for the default token file: give --output FILE.");

            using var http = new HttpClient { Timeout = RequestTimeout };
            var flow = new DeviceFlowClient(http, context.Environment.Time);
            var endpoints = await flow.DiscoverAsync(request.Issuer, cancellationToken).ConfigureAwait(false);
            var authorization = await flow.AuthorizeAsync(endpoints, request, cancellationToken).ConfigureAwait(false);
            Prompt(context.Console, authorization);
            var granted = await flow.PollAsync(endpoints, request, authorization, cancellationToken).ConfigureAwait(false);

            var bytes = Encoding.ASCII.GetBytes(granted.AccessToken + "\n");
            await AtomicFile.WriteAsync(target, async stream =>
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                return true;
            }, cancellationToken).ConfigureAwait(false);

            var expiresAt = TokenText.ExpiresAt(granted.AccessToken)
                ?? (granted.ExpiresIn is { } lifetime ? context.Environment.Time.GetUtcNow() + lifetime : null);
            Report(result, context.Environment, parseResult.GetValue(output) is not null,
                new LoginResult(request.Issuer.AbsoluteUri.TrimEnd('/'), target, expiresAt, granted.Scope ?? request.Scope, request.Resource));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The cluster file's tokens section, when a cluster file is there (login needs no cluster otherwise).</summary>
    private static ClusterTokenSettings? Defaults(ClusterOptions cluster, ParseResult parseResult)
    {
        var explicitFile = parseResult.GetValue(cluster.Cluster) is not null;
        return explicitFile || File.Exists(cluster.ConfigurationPath(parseResult)) ? cluster.LoadConfiguration(parseResult).Tokens : null;
    }

    /// <summary>Where and what to enter, on stderr in every mode: the user must act on it while the command waits.</summary>
    private static void Prompt(CliConsole console, DeviceAuthorization authorization)
    {
        console.Error.WriteLine($"hydra: to log in, open {authorization.VerificationUri} and enter the code {authorization.UserCode}");
        if (authorization.VerificationUriComplete is { } complete)
        {
            console.Error.WriteLine($"hydra: or open {complete}");
        }

        console.Error.WriteLine(
            $"hydra: waiting for the approval (the code expires in {Math.Ceiling(authorization.ExpiresIn.TotalMinutes)} min; Ctrl-C cancels)");
    }

    private static void Report(CommandOutput output, CliEnvironment environment, bool explicitFile, LoginResult result)
    {
        if (output.Json)
        {
            output.Document(result, CliJsonContext.Default.LoginResult);
        }
        else
        {
            output.Line(result.TokenFile);
            output.Note($"Token saved to [bold]{Markup.Escape(result.TokenFile)}[/] (mode 600)"
                + (result.ExpiresAt is { } expires ? $", valid until {expires.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC." : "."));
        }

        // Discovery takes these before the default files: the new token would not be used.
        foreach (var variable in new[] { TokenDiscovery.TokenVariable, TokenDiscovery.TokenFileVariable })
        {
            if (!explicitFile && environment.NonEmpty(variable) is not null)
            {
                output.Warning($"${variable} is set and comes first in token discovery: unset it for hydra to use the new token.");
            }
        }

        if (explicitFile)
        {
            output.Note($"Give [bold]--token-file {Markup.Escape(result.TokenFile)}[/] or set BEARER_TOKEN_FILE for hydra to use it.");
        }
    }
}
