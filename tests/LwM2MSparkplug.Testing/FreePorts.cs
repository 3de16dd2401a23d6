using System.Net;
using System.Net.Sockets;

namespace LwM2MSparkplug.Testing;

/// <summary>Free TCP ports on loopback, for listeners that cannot bind port 0 themselves.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
