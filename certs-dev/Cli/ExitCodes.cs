namespace Hydra.CertsDev.Cli;

/// <summary>The exit codes of <c>hydra-certs</c>.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure: the folder is not a PKI, already holds one, or cannot be written.</summary>
    public const int Failure = 1;

    /// <summary>A usage error: bad options, unknown user, bad FQAN.</summary>
    public const int Usage = 2;
}
