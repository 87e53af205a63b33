using System.Net;
using System.Net.Sockets;

namespace PrimeFunctions.Tests.Fixtures;

/// <summary>
/// A TCP proxy in front of the service that misbehaves once, the way a network does: when the bytes it has sent back on
/// one connection pass <c>faultAt</c>, it either drops the connection or flips one byte and carries on.
/// </summary>
internal sealed class FaultyProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Uri target;
    private readonly long faultAt;
    private readonly ProxyFault fault;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task accepting;
    private int faults;
    private long bytesBack;

    public FaultyProxy(Uri target, long faultAt, ProxyFault fault)
    {
        this.target = target;
        this.faultAt = faultAt;
        this.fault = fault;
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>How many times it has misbehaved: 0 or 1.</summary>
    public int Faults => Volatile.Read(ref faults);

    /// <summary>Bytes sent back to clients over all connections, headers included.</summary>
    public long BytesBack => Interlocked.Read(ref bytesBack);

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            await server.ConnectAsync(target.Host, target.Port);
            var upstream = client.GetStream().CopyToAsync(server.GetStream(), stopping.Token);
            var downstream = CopyBackAsync(server.GetStream(), client.GetStream());
            try
            {
                await Task.WhenAny(upstream, downstream);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
            }
        }
    }

    private async Task CopyBackAsync(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        long sent = 0;
        for (int read; (read = await from.ReadAsync(buffer, stopping.Token)) > 0; sent += read)
        {
            if (sent + read > faultAt && sent <= faultAt && Interlocked.CompareExchange(ref faults, 1, 0) == 0)
            {
                var at = (int)(faultAt - sent);
                if (fault == ProxyFault.DropConnection)
                {
                    await to.WriteAsync(buffer.AsMemory(0, at), stopping.Token);
                    Interlocked.Add(ref bytesBack, at);
                    return;
                }

                buffer[at] ^= 0x01;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
            Interlocked.Add(ref bytesBack, read);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        stopping.Dispose();
    }
}

/// <summary>What <see cref="FaultyProxy"/> does once.</summary>
internal enum ProxyFault
{
    DropConnection,
    FlipByte,
}
