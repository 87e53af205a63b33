using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PrimeFunctions.Api;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>Which requests the cross-site rule lets through, and how it refuses the rest.</summary>
public sealed class CrossSiteRequestRuleTests
{
    private static readonly CrossSiteRequestRule Rule = new(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["AllowedHosts"] = "primes.example.com;*.trusted.example" })
        .Build());

    [Theory]
    [InlineData("POST", "http://evil.example")]
    [InlineData("POST", "null")]
    [InlineData("POST", "http://127.0.0.1:9999")]
    [InlineData("DELETE", "https://evil.example")]
    [InlineData("POST", "http://sub.trusted.example")]
    [InlineData("POST", "file:///tmp/page.html")]
    public async Task A_state_change_from_another_origin_is_refused_with_403_naming_the_header(string method, string origin)
    {
        var refusal = Rule.Refuse(Request(method, origin, "application/json"));

        var (status, body) = await ExecuteAsync(refusal);
        Assert.Equal(StatusCodes.Status403Forbidden, status);
        Assert.Contains("Origin", body, StringComparison.Ordinal);
        Assert.Contains("AllowedHosts", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "http://127.0.0.1:7071", "application/json")]
    [InlineData("POST", "https://primes.example.com", "text/plain")]
    [InlineData("POST", null, "application/json")]
    [InlineData("POST", null, "text/plain; charset=utf-8")]
    [InlineData("POST", null, null)]
    [InlineData("DELETE", null, null)]
    [InlineData("GET", "http://evil.example", null)]
    [InlineData("GET", null, "application/x-www-form-urlencoded")]
    public void Requests_from_the_own_origin_from_no_page_or_that_change_nothing_pass(string method, string? origin, string? contentType) =>
        Assert.Null(Rule.Refuse(Request(method, origin, contentType)));

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("Application/X-WWW-Form-URLEncoded; charset=utf-8")]
    public async Task A_form_body_is_refused_with_415_even_without_an_Origin(string contentType)
    {
        var (status, body) = await ExecuteAsync(Rule.Refuse(Request("POST", null, contentType)));

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status);
        Assert.Contains("form", body, StringComparison.Ordinal);
    }

    private static HttpRequest Request(string method, string? origin, string? contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Host = new HostString("127.0.0.1:7071");
        context.Request.ContentType = contentType;
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        return context.Request;
    }

    private static async Task<(int Status, string Body)> ExecuteAsync(IResult? result)
    {
        Assert.NotNull(result);
        var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return (context.Response.StatusCode, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
