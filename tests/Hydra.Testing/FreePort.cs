using System.Net;
using System.Net.Sockets;

namespace Hydra.Testing;

/// <summary>A port free on 127.0.0.1 right now, for peers that cannot bind port 0 and report it.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
