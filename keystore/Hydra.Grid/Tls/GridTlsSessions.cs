using System.Reflection;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.X509;
using TlsCertificateMessage = Org.BouncyCastle.Tls.Certificate;

namespace Hydra.Grid.Tls;

/// <summary>Turns BouncyCastle handshake state into <see cref="GridTlsSession"/> values.</summary>
internal static class GridTlsSessions
{
    private static readonly Dictionary<int, string> CipherSuiteNames = typeof(CipherSuite)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.FieldType == typeof(int) && field.Name.StartsWith("TLS_", StringComparison.Ordinal))
        .GroupBy(field => (int)field.GetValue(null)!)
        .ToDictionary(group => group.Key, group => group.First().Name);

    public static GridTlsSession Describe(TlsContext context, IReadOnlyList<X509Certificate> peerChain)
    {
        var parameters = context.SecurityParameters;
        var suite = CipherSuiteNames.TryGetValue(parameters.CipherSuite, out var name)
            ? name
            : $"0x{parameters.CipherSuite:X4}";
        return new GridTlsSession(
            parameters.NegotiatedVersion.ToString(),
            suite,
            parameters.ApplicationProtocol?.GetUtf8Decoding(),
            peerChain);
    }

    public static IReadOnlyList<X509Certificate> ToX509Chain(TlsCertificateMessage? message)
    {
        if (message is null || message.IsEmpty)
        {
            return [];
        }

        var chain = new X509Certificate[message.Length];
        for (var i = 0; i < chain.Length; i++)
        {
            chain[i] = new X509Certificate(message.GetCertificateAt(i).GetEncoded());
        }

        return chain;
    }
}
