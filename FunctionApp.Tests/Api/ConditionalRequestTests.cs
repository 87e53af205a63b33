using System.Net;
using System.Security.Cryptography;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Api;

/// <summary>
/// RFC 9110 on every GET route of <c>/api</c>: HEAD answers as GET does without the body, every success carries an
/// entity tag, <c>If-None-Match</c> with it answers 304 and <c>If-Match</c> with another 412 — neither with a body.
/// </summary>
public sealed class ConditionalRequestTests(ServiceFixture service) : IClassFixture<ServiceFixture>
{
    private const ulong From = 1_000;
    private const ulong To = 20_000;

    public static TheoryData<string> Routes() => new()
    {
        "/api/primes",
        $"/api/primes/primes-{From}-{To}",
        $"/api/primes/primes-{From}-{To}/results?limit=10",
        $"/api/primes/primes-{From}-{To}/results?format=text",
        "/api/openapi.json",
        "/api/dashboard",
        "/api/isprime/1000003",
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Head_answers_as_get_without_the_body(string route)
    {
        await EnsureJobAsync();
        using var get = await service.Http.GetAsync(route);
        var body = await get.Content.ReadAsByteArrayAsync();

        using var head = await service.Http.SendAsync(new HttpRequestMessage(HttpMethod.Head, route));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task The_current_entity_tag_in_if_none_match_answers_304_without_a_body(string route)
    {
        await EnsureJobAsync();
        using var get = await service.Http.GetAsync(route);
        var tag = get.Headers.ETag;
        Assert.NotNull(tag);

        var conditional = new HttpRequestMessage(HttpMethod.Get, route);
        conditional.Headers.IfNoneMatch.Add(tag);
        using var response = await service.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(tag, response.Headers.ETag);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task An_if_match_that_names_another_tag_answers_412(string route)
    {
        await EnsureJobAsync();
        var conditional = new HttpRequestMessage(HttpMethod.Get, route);
        conditional.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"not-the-current-one\""));

        using var response = await service.Http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_json_page_is_tagged_by_its_content_and_if_match_with_that_tag_answers_200()
    {
        await EnsureJobAsync();
        var route = $"/api/primes/primes-{From}-{To}/results?limit=10";
        using var get = await service.Http.GetAsync(route);
        var body = await get.Content.ReadAsByteArrayAsync();

        var conditional = new HttpRequestMessage(HttpMethod.Get, route);
        conditional.Headers.IfMatch.Add(get.Headers.ETag!);
        using var response = await service.Http.SendAsync(conditional);

        Assert.Equal($"\"{Convert.ToBase64String(SHA256.HashData(body)).TrimEnd('=')}\"", get.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_text_keeps_its_checksum_tag_and_its_byte_ranges()
    {
        var output = await EnsureJobAsync();
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/primes/primes-{From}-{To}/results?format=text");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"other\""));

        using var response = await service.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal($"\"{output.GetProperty("sha256").GetString()}\"", response.Headers.ETag!.Tag);
        Assert.Equal("1009\n1013\n", System.Text.Encoding.ASCII.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    private Task<System.Text.Json.JsonElement> EnsureJobAsync() => new JobClient(service.Http).RunAsync(From, To);
}
