using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Cli;

/// <summary>
/// Downloads a job's text form into a file and returns the file's SHA-256. A download cut short — a dropped
/// connection, a restarted service, or an earlier run of the command — continues from the file's length with
/// <c>Range</c>, guarded by <c>If-Range</c> on the job's checksum; a service that answers the whole text instead
/// (it no longer matches) starts the file over. Only network failures are retried, and only while they still bring bytes.
/// </summary>
internal static class TextDownload
{
    private const int BufferBytes = 1 << 16;

    // A connection that delivers nothing for this long is treated as dropped.
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    public static async Task<string> RunAsync(PrimesClient client, JobSummary summary, string path, Action<long> progress, CancellationToken cancellationToken)
    {
        var entityTag = new EntityTagHeaderValue($"\"{summary.Sha256}\"");
        await using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferBytes, useAsync: true);
        if (file.Length > summary.TextBytes)
        {
            file.SetLength(0);
        }

        var buffer = new byte[BufferBytes];
        var attemptsWithoutProgress = 0;
        Exception? lastFailure = null;
        while (file.Length < summary.TextBytes)
        {
            if (attemptsWithoutProgress++ >= client.MaxAttemptsWithoutProgress)
            {
                throw new PrimesApiException($"Download stopped at {file.Length} of {summary.TextBytes} bytes: {lastFailure?.Message ?? "the service sent no more"}.");
            }

            var start = file.Length;
            progress(start);
            HttpResponseMessage? response = null;
            try
            {
                response = await client.SendAsync(() => RangeRequest(client.TextUri(summary.Id), start, entityTag), cancellationToken, HttpCompletionOption.ResponseHeadersRead);
                if (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange?.From != start)
                {
                    file.SetLength(0);
                }

                file.Position = file.Length;
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                for (int read; (read = await ReadAsync(body, buffer, cancellationToken)) > 0;)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                    attemptsWithoutProgress = 0;
                    progress(file.Length);
                }
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && IsNetworkFailure(e))
            {
                lastFailure = e;
                await Task.Delay(client.RetryDelay, cancellationToken);
            }
            finally
            {
                response?.Dispose();
            }
        }

        progress(file.Length);
        await file.FlushAsync(cancellationToken);
        file.Position = 0;
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>The SHA-256 of a file already on disk.</summary>
    public static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    /// <summary>Failures of the connection (retried), as opposed to the file (not retried): a disk error is an IOException too.</summary>
    private static bool IsNetworkFailure(Exception e) =>
        e is HttpRequestException or HttpIOException or OperationCanceledException
        || e is IOException { InnerException: System.Net.Sockets.SocketException or HttpIOException };

    private static HttpRequestMessage RangeRequest(Uri uri, long start, EntityTagHeaderValue entityTag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (start > 0)
        {
            request.Headers.Range = new RangeHeaderValue(start, null);
            request.Headers.IfRange = new RangeConditionHeaderValue(entityTag);
        }

        return request;
    }

    private static async Task<int> ReadAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(IdleTimeout);
        return await body.ReadAsync(buffer, idle.Token);
    }
}
