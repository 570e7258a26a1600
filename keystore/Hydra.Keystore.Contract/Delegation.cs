using Grpc.Core;
using Hydra.Access;
using Org.BouncyCastle.X509;

namespace Hydra.Keystore.Contract;

/// <summary>
/// How a delegate (the DICOM bridge) asks keystore nodes to act for a reader: the reader's certificate chain, as
/// the reader presented it to the delegate in TLS, travels in one binary gRPC metadata entry: the certificates' DER
/// encodings one after another, leaf first (HTTP/2 would merge repeated entries into one header). Nodes accept it only from callers holding the delegate role, validate the chain in full (proxies and VOMS
/// attributes included), decide by the reader's ACL and record both identities.
/// </summary>
public static class Delegation
{
    /// <summary>The metadata key (binary, hence the <c>-bin</c> suffix).</summary>
    public const string ChainHeader = "hydra-on-behalf-of-bin";

    /// <summary>
    /// The metadata key (ASCII) under which a delegate forwards the reader's own bearer token, when the reader called
    /// it with a token: nodes validate it against their own audiences, so it must name one they accept.
    /// </summary>
    public const string TokenHeader = "hydra-on-behalf-of-token";

    /// <summary>
    /// The metadata key (ASCII) under which a delegate trusted to vouch for patients (the bridge's patient portal, after
    /// the patient signed in at the hospital's identity provider) names the patient it acts for: by pseudonym only
    /// (<c>patient:</c> principals), so no hospital identifier ever reaches a node.
    /// </summary>
    public const string PatientHeader = "hydra-on-behalf-of-patient";

    /// <summary>Metadata naming the patient a delegate acts for.</summary>
    public static Metadata ForPatient(PatientPseudonym patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return new Metadata { { PatientHeader, patient.Value } };
    }

    /// <summary>The patient a delegate names in <paramref name="headers"/>, or null.</summary>
    /// <exception cref="FormatException">The header holds something that is no pseudonym.</exception>
    public static PatientPseudonym? PatientFromMetadata(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var entry = headers.FirstOrDefault(e => !e.IsBinary && string.Equals(e.Key, PatientHeader, StringComparison.Ordinal));
        if (entry is null)
        {
            return null;
        }

        return PatientPseudonym.TryParse(entry.Value, out var patient, out var problem)
            ? patient
            : throw new FormatException($"The forwarded patient pseudonym {problem}");
    }

    /// <summary>Metadata forwarding a reader's bearer token.</summary>
    /// <exception cref="ArgumentException">The token is no RFC 6750 b64token.</exception>
    public static Metadata ForToken(string readerToken)
    {
        ArgumentNullException.ThrowIfNull(readerToken);
        return BearerToken.IsB64Token(readerToken)
            ? new Metadata { { TokenHeader, readerToken } }
            : throw new ArgumentException("A forwarded bearer token is one RFC 6750 b64token.", nameof(readerToken));
    }

    /// <summary>The reader token a delegate forwarded in <paramref name="headers"/>, or null.</summary>
    /// <exception cref="FormatException">The header holds something that is no b64token.</exception>
    public static string? TokenFromMetadata(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var entry = headers.FirstOrDefault(e => !e.IsBinary && string.Equals(e.Key, TokenHeader, StringComparison.Ordinal));
        return entry is null || BearerToken.IsB64Token(entry.Value)
            ? entry?.Value
            : throw new FormatException("The forwarded token is empty or not an RFC 6750 b64token.");
    }

    /// <summary>At most this many certificates are accepted in a delegated chain.</summary>
    public const int MaxChainLength = 10;

    public static Metadata ToMetadata(IReadOnlyList<X509Certificate> readerChain)
    {
        ArgumentNullException.ThrowIfNull(readerChain);
        using var buffer = new MemoryStream();
        foreach (var certificate in readerChain)
        {
            buffer.Write(certificate.GetEncoded());
        }

        return new Metadata { { ChainHeader, buffer.ToArray() } };
    }

    /// <summary>The delegated chain in <paramref name="headers"/>, or null when the call is not delegated.</summary>
    /// <exception cref="FormatException">The metadata holds something that is not a certificate chain.</exception>
    public static IReadOnlyList<X509Certificate>? FromMetadata(Metadata headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var entry = headers.FirstOrDefault(e => e.IsBinary && string.Equals(e.Key, ChainHeader, StringComparison.Ordinal));
        if (entry is null)
        {
            return null;
        }

        try
        {
            var chain = new X509CertificateParser().ReadCertificates(entry.ValueBytes);
            if (chain.Count == 0 || chain.Count > MaxChainLength)
            {
                throw new FormatException($"A delegated chain holds 1 to {MaxChainLength} certificates; {chain.Count} were sent.");
            }

            return [.. chain];
        }
        catch (Exception ex) when (ex is ArgumentException or Org.BouncyCastle.Security.Certificates.CertificateException
            or Org.BouncyCastle.Asn1.Asn1Exception or IOException)
        {
            throw new FormatException($"The delegated chain is not a list of DER certificates: {ex.Message}", ex);
        }
    }
}
