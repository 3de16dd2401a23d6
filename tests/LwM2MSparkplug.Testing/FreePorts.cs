using System.Net;
using System.Net.Sockets;

namespace LwM2MSparkplug.Testing;

/// <summary>Free TCP ports on loopback, for listeners that cannot bind port 0 themselves, and whether one is taken yet.</summary>
public static class FreePorts
{
    /// <summary>True once something accepts TCP connections on <paramref name="port"/> of 127.0.0.1.</summary>
    public static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
