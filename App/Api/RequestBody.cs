using Microsoft.AspNetCore.Http;

namespace PrimeFunctions.Api;

/// <summary>Reads a request body without ever holding more of it than the route allows.</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or null when it holds more than <paramref name="maxBytes"/> (whatever Content-Length claimed).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxBytes + 1];
        var filled = 0;
        int read;
        while (filled < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(filled), cancellationToken)) > 0)
        {
            filled += read;
        }

        return filled > maxBytes ? null : buffer[..filled];
    }
}
