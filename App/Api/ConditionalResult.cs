using System.IO.Pipelines;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace PrimeFunctions.Api;

/// <summary>
/// RFC 9110 conditional requests (§13) for a GET or HEAD route, around whatever result its handler returns: a
/// response without an entity tag of its own gets a strong one, the SHA-256 of its body (JSON pages, the job view,
/// the list, the documents — all small, so they are held until complete); <c>If-Match</c> that no current tag
/// satisfies answers 412, <c>If-None-Match</c> that one does answers 304, both without the body. A response that
/// sets its own tag before writing (a job's text, tagged by its checksum) is judged on that tag and streamed as it
/// comes, ranges included. HEAD bodies are dropped by the server itself; only successful answers are judged.
/// </summary>
public sealed class ConditionalResult(IResult inner) : IResult
{
    /// <summary>A body larger than this is streamed untagged rather than held to compute a tag.</summary>
    private const int MaxHeldBytes = 4 << 20;

    /// <summary>The same result, judged by the request's preconditions when the request is a GET or HEAD.</summary>
    public static IResult For(HttpRequest request, IResult result) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? new ConditionalResult(result) : result;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var original = httpContext.Features.Get<IHttpResponseBodyFeature>()!;
        var body = new HeldBody(httpContext, original);
        httpContext.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await inner.ExecuteAsync(httpContext);
            await body.FinishAsync();
        }
        catch (BodyNotWanted)
        {
            await original.StartAsync(httpContext.RequestAborted);
        }
        finally
        {
            httpContext.Features.Set(original);
        }
    }

    /// <summary>Stops a handler writing a body that will not be sent: the answer is a 304, a 412, or a HEAD's headers.</summary>
    private sealed class BodyNotWanted : Exception;

    /// <summary>What the preconditions say of a response with <paramref name="entityTag"/>: 412, 304, or null to send it.</summary>
    internal static int? Judge(HttpRequest request, string entityTag)
    {
        var headers = request.GetTypedHeaders();
        var current = EntityTagHeaderValue.Parse(entityTag);
        if (headers.IfMatch is { Count: > 0 } ifMatch && !ifMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: true)))
        {
            return StatusCodes.Status412PreconditionFailed;
        }

        if (headers.IfNoneMatch is { Count: > 0 } ifNoneMatch && ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(current, useStrongComparison: false)))
        {
            return StatusCodes.Status304NotModified;
        }

        return null;
    }

    /// <summary>
    /// The response body, held until the response is judged: at the first write when the handler set a tag, at the
    /// end otherwise. Until then nothing reaches the client, so the status can still change.
    /// </summary>
    private sealed class HeldBody : Stream, IHttpResponseBodyFeature
    {
        private readonly HttpContext context;
        private readonly IHttpResponseBodyFeature original;
        private readonly MemoryStream held = new();
        private PipeWriter? writer;
        private Mode mode = Mode.Undecided;

        public HeldBody(HttpContext context, IHttpResponseBodyFeature original)
        {
            this.context = context;
            this.original = original;
        }

        private enum Mode { Undecided, Holding, Passing, Dropping }

        public Stream Stream => this;
        public PipeWriter Writer => writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public void DisableBuffering() => original.DisableBuffering();

        public Task StartAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task CompleteAsync() => FinishAsync();

        public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
            await SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (mode == Mode.Undecided)
            {
                mode = await DecideAsync(tagged: context.Response.Headers.ETag.Count > 0);
            }

            if (mode == Mode.Holding && held.Length + buffer.Length > MaxHeldBytes)
            {
                mode = Mode.Passing;
                await original.Stream.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length), cancellationToken);
            }

            switch (mode)
            {
                case Mode.Holding:
                    held.Write(buffer.Span);
                    break;
                case Mode.Passing:
                    await original.Stream.WriteAsync(buffer, cancellationToken);
                    break;
                case Mode.Dropping:
                    throw new BodyNotWanted();
            }
        }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            mode == Mode.Passing ? original.Stream.FlushAsync(cancellationToken) : Task.CompletedTask;

        public async Task FinishAsync()
        {
            if (writer is not null)
            {
                await writer.FlushAsync();
            }

            if (mode == Mode.Undecided)
            {
                mode = await DecideAsync(tagged: context.Response.Headers.ETag.Count > 0);
            }

            if (mode != Mode.Holding)
            {
                return;
            }

            mode = Mode.Passing;
            var response = context.Response;
            response.Headers.ETag = $"\"{Convert.ToBase64String(SHA256.HashData(held.GetBuffer().AsSpan(0, (int)held.Length))).TrimEnd('=')}\"";
            if (await ApplyAsync(response.Headers.ETag.ToString()))
            {
                response.ContentLength = held.Length;
                await original.Stream.WriteAsync(held.GetBuffer().AsMemory(0, (int)held.Length));
            }
        }

        // A success without a tag is held until complete; one with a tag is judged now; anything else passes unjudged.
        private async Task<Mode> DecideAsync(bool tagged)
        {
            var status = context.Response.StatusCode;
            if (status is not (StatusCodes.Status200OK or StatusCodes.Status206PartialContent))
            {
                return Mode.Passing;
            }

            if (!tagged)
            {
                return Mode.Holding;
            }

            // A HEAD needs the headers alone: a body streamed as it is made (a job's text) is not made at all.
            return await ApplyAsync(context.Response.Headers.ETag.ToString()) && !HttpMethods.IsHead(context.Request.Method) ? Mode.Passing : Mode.Dropping;
        }

        /// <summary>Answers 304 or 412 when the preconditions say so (and then the body is not sent); true to send it.</summary>
        private async Task<bool> ApplyAsync(string entityTag)
        {
            var verdict = Judge(context.Request, entityTag);
            if (verdict is null)
            {
                return true;
            }

            var response = context.Response;
            response.StatusCode = verdict.Value;
            response.ContentLength = null;
            response.Headers.ContentRange = default;
            response.Headers.ContentType = default;
            if (verdict == StatusCodes.Status412PreconditionFailed)
            {
                var problem = Results.Problem(
                    detail: $"If-Match names no current representation of this resource; its entity tag is {entityTag}.",
                    statusCode: StatusCodes.Status412PreconditionFailed,
                    title: "Precondition failed");
                context.Features.Set(original);
                await problem.ExecuteAsync(context);
                context.Features.Set<IHttpResponseBodyFeature>(this);
            }

            return false;
        }
    }
}
