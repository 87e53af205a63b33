using System.Globalization;
using Microsoft.AspNetCore.Http;
using PrimeFunctions.Engine;
using PrimeFunctions.Orchestration;
using PrimeFunctions.Storage;

namespace PrimeFunctions.Api;

/// <summary>
/// A completed job's text form, one prime per line, streamed segment by segment with the checksum the merge step
/// computed — and served by byte range, so a cut download resumes where it stopped. The job's SHA-256 is its strong
/// entity tag: the text of a job never changes. A range starts at the right part of the manifest (its text offset)
/// and, inside that segment, at the prime whose line holds the first byte (<see cref="TextLayout"/>): nothing before
/// the range is rendered, and memory stays one segment and one buffer whatever the range.
/// </summary>
internal sealed class PrimeTextResult(JobSummary summary, IReadOnlyList<ManifestPart> parts, SegmentStore segments) : IResult
{
    private const int BufferBytes = 1 << 16;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        var entityTag = $"\"{summary.Sha256}\"";
        response.Headers.AcceptRanges = "bytes";
        response.Headers.ETag = entityTag;
        response.Headers["X-Checksum-SHA256"] = summary.Sha256;
        response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(summary.Sha256))}:";
        response.Headers["X-Prime-Count"] = summary.Count.ToString(CultureInfo.InvariantCulture);

        var range = ByteRangeRequest.Read(httpContext.Request, entityTag, summary.TextBytes);
        if (range.Outcome == ByteRangeRequest.Kind.Unsatisfiable)
        {
            response.Headers.ContentRange = $"bytes */{summary.TextBytes}";
            await Results.Problem(
                detail: $"The text of job '{summary.Id}' is {summary.TextBytes} bytes long: the requested range starts past its end.",
                statusCode: StatusCodes.Status416RangeNotSatisfiable,
                title: "Range not satisfiable").ExecuteAsync(httpContext);
            return;
        }

        if (range.Outcome == ByteRangeRequest.Kind.Partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = $"bytes {range.Start}-{range.End}/{summary.TextBytes}";
        }

        response.ContentType = "text/plain; charset=utf-8";
        response.ContentLength = range.Length;
        if (range.Length > 0)
        {
            await WriteAsync(response.Body, range.Start, range.Length, httpContext.RequestAborted);
        }
    }

    private async Task WriteAsync(Stream body, long start, long length, CancellationToken cancellationToken)
    {
        var withPrimes = parts.Where(p => p.Count > 0).ToList();
        var width = ResultsHandler.SegmentWidthOf(withPrimes[0]);
        var (first, firstOffset) = FindPart(withPrimes, start);
        var buffer = new byte[BufferBytes];
        var remaining = length;
        var index = first;
        await foreach (var segment in segments.LoadInOrderAsync(width, withPrimes.Skip(first).Select(p => (p.SegmentIndex, (string?)p.Sha256)), cancellationToken))
        {
            var bitmap = segment.Bitmap;
            var part = withPrimes[index];
            var (position, skip) = index++ == first
                ? TextLayout.Locate(bitmap, part.LowValue, part.HighValue, start - firstOffset)
                : (part.LowValue, 0);
            while (remaining > 0 && bitmap.WriteText(ref position, part.HighValue, buffer) is var written and > 0)
            {
                var chunk = buffer.AsMemory(skip, (int)Math.Min(written - skip, remaining));
                await body.WriteAsync(chunk, cancellationToken);
                remaining -= chunk.Length;
                skip = 0;
            }

            if (remaining == 0)
            {
                return;
            }
        }
    }

    /// <summary>The part whose text holds byte <paramref name="start"/>, and the offset of that part's first byte.</summary>
    private static (int Index, long Offset) FindPart(List<ManifestPart> withPrimes, long start)
    {
        var index = withPrimes.FindLastIndex(p => p.TextOffset <= start);
        return (index, withPrimes[index].TextOffset);
    }
}
