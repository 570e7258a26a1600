using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Hydra.Bridge.Tests.Support;

/// <summary>
/// A plain TCP port on 127.0.0.1 that forwards each connection over TLS, with a user certificate, to the bridge's
/// DICOM TLS port: dcmtk 3.6.7's getscu and movescu have no TLS of their own, a site would use stunnel the same way.
/// </summary>
public sealed class TlsTunnel : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _ca;
    private readonly int _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TlsTunnel(string certificatePath, string keyPath, string caPath, int targetPort)
    {
        _client = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        _ca = X509CertificateLoader.LoadCertificateFromFile(caPath);
        _target = targetPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var plain = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(ForwardAsync(plain));
            }
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(connections);
        }
    }

    private async Task ForwardAsync(TcpClient plain)
    {
        using (plain)
        using (var remote = new TcpClient { NoDelay = true })
        {
            plain.NoDelay = true;
            await remote.ConnectAsync(IPAddress.Loopback, _target, _stop.Token);
            await using var tls = new SslStream(remote.GetStream(), false, ValidateServer);
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                ClientCertificates = [_client],
            }, _stop.Token);
            var local = plain.GetStream();
            var up = PumpAsync(local, tls);
            var down = PumpAsync(tls, local);
            await Task.WhenAny(up, down);
        }
    }

    private static async Task PumpAsync(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to);
        }
        catch (IOException)
        {
            // The other side closed: the association is over.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_ca);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return custom.Build(new X509Certificate2(certificate));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _client.Dispose();
        _ca.Dispose();
        _stop.Dispose();
    }
}
