using System.Reflection;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;
using PrimeFunctions.Functions;

namespace PrimeFunctions.Tests.Hosting;

/// <summary>
/// Under Azure Functions the management URLs come from the Functions host — its base URL and system key, which the
/// host sends with each <c>[DurableClient]</c> binding — never from the caller's Host header. The client here is
/// the Durable extension's own binding client, made as its binding converter makes it (the type is internal, so it
/// is reached by reflection; a version of the extension that changes it fails here, loudly).
/// </summary>
public sealed class FunctionsManagementUrlsTests
{
    // What the Functions host sends in the binding data of a [DurableClient] parameter.
    private const string HttpBaseUrl = "https://primes.azurewebsites.net/runtime/webhooks/durabletask";
    private const string SystemKey = "code=system-key";

    [Fact]
    public void The_urls_are_the_functions_host_s_own_with_its_system_key_whatever_host_the_caller_named()
    {
        var payload = new FunctionsManagementUrls().Create(RequestNaming("attacker.example"), BindingClient(), "primes-1-10");

        Assert.Equal($"{HttpBaseUrl}/instances/primes-1-10?{SystemKey}", payload.StatusQueryGetUri);
        Assert.Equal($"{HttpBaseUrl}/instances/primes-1-10/terminate?reason={{text}}&{SystemKey}", payload.TerminatePostUri);
        Assert.Equal("https://primes.azurewebsites.net/api/primes/primes-1-10/results", payload.ResultsUri);
        Assert.DoesNotContain("attacker", payload.ToString());
    }

    [Fact]
    public void The_origin_is_the_functions_host_s()
    {
        Assert.Equal("https://primes.azurewebsites.net", new FunctionsManagementUrls().Origin(RequestNaming("attacker.example"), BindingClient()));
    }

    private static HttpRequest RequestNaming(string host) => new DefaultHttpContext { Request = { Scheme = "http", Host = new HostString(host) } }.Request;

    private static DurableTaskClient BindingClient()
    {
        var inner = new GrpcDurableTaskClient(
            "test", new GrpcDurableTaskClientOptions { Channel = GrpcChannel.ForAddress("http://127.0.0.1:1") }, NullLogger.Instance);
        // Its constructor as of extension 1.21.1: (inner client, required query string, HTTP base URL, large-payload purge client).
        var type = typeof(DurableClientAttribute).Assembly.GetType("Microsoft.Azure.Functions.Worker.FunctionsDurableTaskClient", throwOnError: true)!;
        return (DurableTaskClient)Activator.CreateInstance(
            type, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, binder: null, [inner, SystemKey, HttpBaseUrl, null], culture: null)!;
    }
}
