using System.Net;
using Hydra.Cli.Commands.Login;
using Hydra.Cli.Tokens;
using Hydra.Client.Bridge;
using Hydra.Cluster;
using Hydra.Cluster.Containers;
using Hydra.Grid;
using Hydra.Keystore.Contract.Channels;
using Hydra.Sharing;

namespace Hydra.Cli;

/// <summary>The hydra command's exit codes, and which failure maps to which. Scripts rely on these numbers.</summary>
internal static class ExitCodes
{
    /// <summary>Success (a recovered secret may still come with named bad shares; see the warnings).</summary>
    public const int Ok = 0;

    /// <summary>The command failed: bad input data, I/O, too few shares.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong: unknown option, missing value, out-of-range number.</summary>
    public const int Usage = 2;

    /// <summary>Integrity failure: shares or a container failed verification (corrupt, forged, wrong key).</summary>
    public const int IntegrityFailure = 3;

    /// <summary>Refused: by every node or by the bridge, the credential was not accepted or the ACL does not allow it.</summary>
    public const int Denied = 4;

    /// <summary>The key (or file, or the bridge's study) does not exist.</summary>
    public const int NotFound = 5;

    /// <summary>The cluster or the bridge could not do it: unreachable, write quorum not met, too few shares released.</summary>
    public const int Unavailable = 6;

    /// <summary>
    /// A node's or the bridge's certificate was refused: it does not name the identity the cluster file gives, or is not
    /// trusted. A trust problem, not an outage: the cluster file or trust directory is wrong, or another host answers.
    /// </summary>
    public const int Untrusted = 7;

    /// <summary>Cancelled by Ctrl-C (128 + SIGINT, the shell convention).</summary>
    public const int Cancelled = 130;

    /// <summary>The exit code for a failure that ended a command.</summary>
    public static int For(Exception exception) => exception switch
    {
        UsageException => Usage,
        BearerTokenException { Problem: BearerTokenProblem.Expired } => Denied,
        BearerTokenException => Failure,
        LoginException login => login.Problem switch
        {
            LoginProblem.Refused => Denied,
            LoginProblem.Unreachable => Unavailable,
            _ => Failure,
        },
        ShareException { Reason: ShareErrorReason.IntegrityFailure or ShareErrorReason.ZeroX or ShareErrorReason.MixedKeys } => IntegrityFailure,
        ContainerException { Reason: ContainerErrorReason.WrongKey or ContainerErrorReason.SegmentTampered or ContainerErrorReason.Truncated or ContainerErrorReason.LengthMismatch } => IntegrityFailure,
        ClusterException { InnerException: ShareException { Reason: ShareErrorReason.IntegrityFailure } } => IntegrityFailure,
        ClusterException { IsAccessDenied: true } => Denied,
        ClusterException { IsNotFound: true } => NotFound,
        ClusterException cluster when cluster.Failures.Any(f => f.Kind == NodeFailureKind.Untrusted) => Untrusted,
        ClusterException => Unavailable,
        AccessRefusedException => Denied,
        BridgeException { Status: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized } => Denied,
        BridgeException { Status: HttpStatusCode.NotFound } => NotFound,
        BridgeException { Status: HttpStatusCode.BadRequest } => Usage,
        BridgeException { Status: null } bridge when ServerCertificateRefusedException.Find(bridge) is not null => Untrusted,
        BridgeException { Status: null or >= HttpStatusCode.InternalServerError } => Unavailable,
        FileNotFoundException or DirectoryNotFoundException => NotFound,
        GridCredentialException or FormatException => Failure,
        _ => Failure,
    };

    /// <summary>The error name of a failure in <c>--json</c> documents.</summary>
    public static string Name(Exception exception) => exception switch
    {
        ClusterException { IsAccessDenied: true } => "Denied",
        ClusterException { IsNotFound: true } => "NotFound",
        ClusterException or BridgeException when For(exception) == Untrusted => "Untrusted",
        ClusterException => "ClusterUnavailable",
        AccessRefusedException => "Denied",
        BridgeException bridge => For(bridge) switch
        {
            Denied => "Denied",
            NotFound => "NotFound",
            Usage => "Usage",
            Unavailable => "BridgeUnavailable",
            _ => "BridgeFailure",
        },
        GridCredentialException credential => credential.Error.ToString(),
        BearerTokenException token => "Token" + token.Problem,
        LoginException login => "Login" + login.Problem,
        ShareException share => share.Reason.ToString(),
        ContainerException container => container.Reason.ToString(),
        UsageException => "Usage",
        _ => "Failure",
    };

    /// <summary>
    /// What to do, added to the error line, for a failure whose remedy the message from below cannot know: nodes that
    /// refused a bearer token as expired (the clock moved on after hydra checked it, or the clocks disagree).
    /// </summary>
    public static string Advice(Exception exception) =>
        exception is ClusterException cluster
        && cluster.Failures.Any(f => f.Kind == NodeFailureKind.Unauthenticated && f.Message.Contains("bearer token was refused (Expired)", StringComparison.Ordinal))
            ? " Your bearer token has expired: run 'hydra login' for a new one."
            : string.Empty;
}
