namespace Hydra.Grid;

/// <summary>Where <see cref="GridCredentialLoader"/> found a credential.</summary>
public enum GridCredentialSource
{
    /// <summary>The proxy file named by <c>X509_USER_PROXY</c>.</summary>
    UserProxy,

    /// <summary>The certificate and key named by <c>X509_USER_CERT</c> and <c>X509_USER_KEY</c>.</summary>
    UserCertificate,

    /// <summary><c>~/.globus/usercert.pem</c> and <c>~/.globus/userkey.pem</c>.</summary>
    GlobusDirectory,
}
