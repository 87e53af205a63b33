using System.Net;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.EndToEnd;

/// <summary>Malformed requests get a 4xx problem+json naming the field, and start or store nothing.</summary>
[Collection(ServiceCollection.Name)]
public sealed class BadInputTests(ServiceFixture service)
{
    public static TheoryData<string, string, string> MalformedStarts => new()
    {
        { "application/json", """{"from": -1, "to": 10}""", "from" },
        { "application/json", """{"from": 1, "to": 18446744073709551616}""", "to" },
        { "application/json", """{"from": "1", "to": "99999999999999999999999"}""", "to" },
        { "application/json", """{"from": 10, "to": 5}""", "to" },
        { "application/json", """{"from": 1.5, "to": 10}""", "from" },
        { "application/json", """{"from": 1e3, "to": 10000}""", "from" },
        { "application/json", """{"from": "0x10", "to": 100}""", "from" },
        { "application/json", """{"from": " 1", "to": 100}""", "from" },
        { "application/json", """{"from": "+1", "to": 100}""", "from" },
        { "application/json", """{"from": "١٢", "to": 100}""", "from" },
        { "application/json", """{"from": true, "to": 100}""", "from" },
        { "application/json", """{"from": null, "to": 100}""", "from" },
        { "application/json", """{"from": [1], "to": 100}""", "from" },
        { "application/json", """{"to": 100}""", "from" },
        { "application/json", """{"from": 1}""", "to" },
        { "application/json", """{"from": 1, "to": 2, "step": 3}""", "step" },
        { "application/json", """{"from": 1, "from": 2, "to": 3}""", "from" },
        { "application/json", """[1, 2]""", "body" },
        { "application/json", """{"from": 1, "to": """, "body" },
        { "application/json", "{}", "from" },
        { "text/plain", """{"from": 1, "to": 2}""", "Content-Type" },
        { "application/json", """{"from": 0, "to": 18446744073709551615}""", "to" },
    };

    [Theory]
    [MemberData(nameof(MalformedStarts))]
    public async Task A_malformed_start_is_400_naming_the_field_and_starts_nothing(string contentType, string body, string field)
    {
        var before = await CountStateAsync();
        var response = await service.Http.PostAsync("/api/primes", new StringContent(body, Encoding.UTF8, contentType));

        await AssertBadRequestNamingAsync(response, field);
        Assert.Equal(before, await CountStateAsync());
    }

    [Theory]
    [InlineData("from=-5&to=10", "from")]
    [InlineData("from=5", "to")]
    [InlineData("from=5&to=10&to=11", "to")]
    [InlineData("from=5&to=abc", "to")]
    [InlineData("from=5&to=10&extra=1", "extra")]
    public async Task A_malformed_query_string_is_400_naming_the_field(string query, string field)
    {
        var response = await service.Http.PostAsync("/api/primes?" + query, null);
        await AssertBadRequestNamingAsync(response, field);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused()
    {
        var body = $$"""{"from": 1, "to": 2, "pad": "{{new string('x', RangeRequestLimit + 10)}}"}""";
        var response = await service.Http.PostAsync("/api/primes", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100001", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("format=xml", "format")]
    [InlineData("format=text&offset=3", "format")]
    [InlineData("page=2", "page")]
    public async Task Malformed_results_parameters_are_400_naming_the_field(string query, string field)
    {
        var response = await service.Http.GetAsync("/api/primes/primes-1-2/results?" + query);
        await AssertBadRequestNamingAsync(response, field);
    }

    private static async Task AssertBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}' in {problem}");
    }

    private const int RangeRequestLimit = PrimeFunctions.Api.RangeRequest.MaxBodyBytes;

    private async Task<(int Instances, int Blobs)> CountStateAsync()
    {
        var instances = 0;
        await foreach (var _ in service.Durable.GetAllInstancesAsync(new()))
        {
            instances++;
        }

        var container = service.Storage.Blobs.GetBlobContainerClient(SegmentStore.ContainerName);
        var blobs = 0;
        if (await container.ExistsAsync())
        {
            await foreach (var _ in container.GetBlobsAsync())
            {
                blobs++;
            }
        }

        return (instances, blobs);
    }
}
