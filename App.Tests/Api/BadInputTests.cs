namespace PrimeFunctions.App.Tests.Api;

/// <summary>
/// Malformed requests to every /api route get a 4xx problem+json naming the field and the rule it breaks, and are
/// answered before storage or the durable store is asked anything: so they start and store nothing.
/// </summary>
public sealed class BadInputTests
{
    private readonly InMemoryApi api = new();

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
    public Task A_malformed_start_is_400_naming_the_field(string contentType, string body, string field) =>
        AssertRefusedAsync("POST", "/api/primes", contentType, body, field);

    [Theory]
    [InlineData("from=-5&to=10", "from")]
    [InlineData("from=5", "to")]
    [InlineData("from=5&to=10&to=11", "to")]
    [InlineData("from=5&to=abc", "to")]
    [InlineData("from=5&to=10&extra=1", "extra")]
    public Task A_malformed_query_string_is_400_naming_the_field(string query, string field) =>
        AssertRefusedAsync("POST", "/api/primes?" + query, null, null, field);

    [Fact]
    public Task A_body_over_the_size_limit_is_400_naming_the_body() =>
        AssertRefusedAsync("POST", "/api/primes", "application/json", $$"""{"from": 1, "to": 2, "pad": "{{new string('x', RangeRequest.MaxBodyBytes + 10)}}"}""", "body");

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=100001", "limit")]
    [InlineData("offset=-1", "offset")]
    [InlineData("format=xml", "format")]
    [InlineData("format=", "format")]
    [InlineData("format=text&offset=3", "format")]
    [InlineData("page=2", "page")]
    public Task Malformed_results_parameters_are_400_naming_the_field(string query, string field) =>
        AssertRefusedAsync("GET", "/api/primes/primes-1-2/results?" + query, null, null, field);

    // Every other route, and more shapes of a bad start: (method, path and query, content type, body, field named).
    public static TheoryData<string, string, string?, string?, string> MalformedRequests => new()
    {
        { "GET", "/api/isprime/-7", null, null, "n" },
        { "GET", "/api/isprime/+7", null, null, "n" },
        { "GET", "/api/isprime/%207", null, null, "n" },
        { "GET", "/api/isprime/7%20", null, null, "n" },
        { "GET", "/api/isprime/0x1F", null, null, "n" },
        { "GET", "/api/isprime/1e6", null, null, "n" },
        { "GET", "/api/isprime/7.0", null, null, "n" },
        { "GET", "/api/isprime/%D9%A1%D9%A2", null, null, "n" },
        { "GET", "/api/isprime/%EF%BC%97", null, null, "n" },
        { "GET", "/api/isprime/1,000", null, null, "n" },
        { "GET", "/api/isprime/abc", null, null, "n" },
        { "GET", "/api/isprime/7?verbose=true", null, null, "verbose" },
        { "POST", "/api/isprime", "text/plain", "", "n" },
        { "POST", "/api/isprime", "application/json", """{"n": "7"}""", "Content-Type" },
        { "POST", "/api/isprime", "text/plain", "-7", "n" },
        { "POST", "/api/isprime", "text/plain", "7 8", "n" },
        { "POST", "/api/isprime", "text/plain", "7\n\n", "n" },
        { "POST", "/api/isprime", "text/plain", new string('9', 100_001), "n" },
        { "POST", "/api/isprime", "text/plain", new string('9', 200_000), "body" },
        { "POST", "/api/isprime?x=1", "text/plain", "7", "x" },
        { "POST", "/api/counts", "application/json", """{"from": 10, "to": 5}""", "to" },
        { "POST", "/api/counts", "application/json", """{"from": -1, "to": 5}""", "from" },
        { "POST", "/api/counts", "application/json", """{"from": 0, "to": 18446744073709551616}""", "to" },
        { "POST", "/api/counts", "application/json", """{"from": 0}""", "to" },
        { "POST", "/api/counts", "application/json", """{"from": 0, "to": 9, "n": 1}""", "n" },
        { "POST", "/api/counts", "text/plain", """{"from": 0, "to": 9}""", "Content-Type" },
        { "POST", "/api/counts?from=1e18&to=2e18", null, null, "from" },
        { "POST", "/api/nth-prime", "application/json", """{"n": 0}""", "n" },
        { "POST", "/api/nth-prime", "application/json", """{"n": "425656284035217744"}""", "n" },
        { "POST", "/api/nth-prime", "application/json", """{"n": -3}""", "n" },
        { "POST", "/api/nth-prime", "application/json", """{"n": 1.5}""", "n" },
        { "POST", "/api/nth-prime", "application/json", """{}""", "n" },
        { "POST", "/api/nth-prime", "application/json", """{"n": 5, "from": 1}""", "from" },
        { "POST", "/api/nth-prime", "application/json", """[5]""", "body" },
        { "POST", "/api/nth-prime?n=abc", null, null, "n" },
        { "POST", "/api/nth-prime?n=5&m=6", null, null, "m" },
        { "GET", "/api/primes?status=Bogus", null, null, "status" },
        { "GET", "/api/primes?status=1", null, null, "status" },
        { "GET", "/api/primes?status=ContinuedAsNew", null, null, "status" },
        { "GET", "/api/primes?status=Running,,Completed", null, null, "status" },
        { "GET", "/api/primes?limit=0", null, null, "limit" },
        { "GET", "/api/primes?limit=101", null, null, "limit" },
        { "GET", "/api/primes?limit=-1", null, null, "limit" },
        { "GET", "/api/primes?limit=1e2", null, null, "limit" },
        { "GET", "/api/primes?limit=1&limit=2", null, null, "limit" },
        { "GET", "/api/primes?createdFrom=yesterday", null, null, "createdFrom" },
        { "GET", "/api/primes?createdFrom=2026-13-01", null, null, "createdFrom" },
        { "GET", "/api/primes?createdFrom=2026-11-25&createdTo=2026-11-24", null, null, "createdTo" },
        { "GET", "/api/primes?continuationToken=not-a-token!!", null, null, "continuationToken" },
        { "GET", "/api/primes?continuationToken=" + Convert.ToBase64String("123 primes-9-1"u8).TrimEnd('='), null, null, "continuationToken" },
        { "GET", "/api/primes?page=2", null, null, "page" },
        { "GET", "/api/primes/primes-5-1", null, null, "id" },
        { "DELETE", "/api/primes/primes-5-1", null, null, "id" },
        { "DELETE", "/api/primes/primes-01-5", null, null, "id" },
        { "DELETE", "/api/primes/primes-1-18446744073709551616", null, null, "id" },
        { "DELETE", "/api/primes/isprime-abc", null, null, "id" },
        { "DELETE", "/api/primes/primes-1-2?force=true", null, null, "force" },
        { "GET", "/api/openapi.json?format=yaml", null, null, "format" },
        { "POST", "/api/primes", "application/json", "", "from" },
        { "POST", "/api/primes", "application/json", """{"from": "1e3", "to": 10}""", "from" },
        { "POST", "/api/primes", "application/json", """{"from": "-0", "to": 10}""", "from" },
        { "POST", "/api/primes", "application/json", "\"from=1&to=2\"", "body" },
        { "POST", "/api/primes", "application/x-www-form-urlencoded", "from=1&to=2", "Content-Type" },
    };

    [Theory]
    [MemberData(nameof(MalformedRequests))]
    public Task A_malformed_request_to_any_route_is_400_naming_the_field(string method, string url, string? contentType, string? body, string field) =>
        AssertRefusedAsync(method, url, contentType, body, field);

    [Fact]
    public async Task A_json_body_that_is_not_utf8_is_400_naming_the_body()
    {
        var answer = await api.SendAsync("POST", "/api/primes", "application/json", [.. "{\"from\":\""u8, 0xFF, .. "1\",\"to\":\"5\"}"u8]);

        AssertRefused(answer, "body");
    }

    [Fact]
    public async Task Invalid_json_is_described_in_the_services_own_words_with_where_it_breaks_off()
    {
        var answer = await api.SendAsync("POST", "/api/primes", "application/json", """{"from": 1, "to": """);

        var rule = Assert.Single(answer.ErrorsFor("body"));
        Assert.StartsWith("is not valid JSON (it breaks off at byte", rule);
        Assert.DoesNotContain("LineNumber", answer.Body);
        Assert.DoesNotContain("BytePositionInLine", answer.Body);
    }

    [Theory]
    [InlineData("/api/primes", "application/json; charset=utf-16", """{"from": 1, "to": 5}""")]
    [InlineData("/api/isprime", "text/plain; charset=iso-8859-1", "7")]
    public async Task A_body_in_a_charset_other_than_utf8_is_415_naming_utf8(string url, string contentType, string body)
    {
        var answer = await api.SendAsync("POST", url, contentType, body);

        Assert.Equal(415, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Contains("UTF-8", answer.Json.GetProperty("detail").GetString());
        AssertNothingAsked();
    }

    [Fact]
    public async Task A_reversed_range_is_refused_on_to_naming_from()
    {
        var answer = await api.SendAsync("POST", "/api/primes?from=10&to=5");

        Assert.Equal(["must be greater than or equal to 'from' (10)."], answer.ErrorsFor("to"));
    }

    [Fact]
    public async Task A_range_wider_than_the_limit_names_its_width_and_the_setting()
    {
        var answer = await api.SendAsync("POST", "/api/primes?from=0&to=100000000000");

        Assert.Equal(["the range holds 100000000001 integers; the limit Primes:MaxRangeWidth is 100000000000."], answer.ErrorsFor("to"));
    }

    [Fact]
    public async Task Every_bad_field_is_named_at_once()
    {
        var answer = await api.SendAsync("POST", "/api/primes", "application/json", """{"from": "x"}""");

        Assert.Equal(["must be an integer from 0 to 18446744073709551615 written in decimal digits only; got 'x'."], answer.ErrorsFor("from"));
        Assert.Equal(["is required."], answer.ErrorsFor("to"));
    }

    [Fact]
    public async Task A_number_with_too_many_digits_names_the_setting()
    {
        var answer = await api.SendAsync("POST", "/api/isprime", "text/plain", new string('9', 100_001));

        Assert.Equal(["has 100001 digits; the limit Primes:MaxIsPrimeDigits is 100000."], answer.ErrorsFor("n"));
    }

    [Fact]
    public async Task A_list_page_too_large_names_the_setting()
    {
        var answer = await api.SendAsync("GET", "/api/primes?limit=101");

        Assert.Equal(["must be a decimal integer from 1 to 100 (the limit Primes:MaxListPageSize)."], answer.ErrorsFor("limit"));
    }

    [Fact]
    public async Task A_well_formed_start_gets_past_validation_to_storage()
    {
        // The other way round from every test here: without it, an answer that asked nothing could be vacuous.
        await Assert.ThrowsAnyAsync<Exception>(() => api.SendAsync("POST", "/api/primes?from=1&to=2"));

        Assert.NotEmpty(api.Storage.Requests);
    }

    private async Task AssertRefusedAsync(string method, string url, string? contentType, string? body, string field) =>
        AssertRefused(await api.SendAsync(method, url, contentType, body), field);

    /// <summary>Holds an answer to the rule: 400 problem+json naming the field with a rule, and neither store was asked anything.</summary>
    private void AssertRefused(Answer answer, string field)
    {
        Assert.Equal(400, answer.Status);
        Assert.Equal("application/problem+json", answer.ContentType);
        Assert.Equal(400, answer.Json.GetProperty("status").GetInt32());
        Assert.NotEmpty(Assert.Single(answer.ErrorsFor(field)));
        AssertNothingAsked();
    }

    private void AssertNothingAsked()
    {
        Assert.Empty(api.Storage.Requests);
        Assert.Empty(api.Durable.Calls);
    }
}
