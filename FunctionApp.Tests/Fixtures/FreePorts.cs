using System.Net;
using System.Net.Sockets;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// Loopback ports free at the time of asking, each handed out once per test run: the system may offer a port it just
/// gave back again, and a fixture that asks three times in a row for Azurite's services must get three ports.
/// </summary>
internal static class FreePorts
{
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        lock (Given)
        {
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                if (Given.Add(port))
                {
                    return port;
                }
            }
        }
    }
}
