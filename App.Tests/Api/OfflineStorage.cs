using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace PrimeFunctions.App.Tests.Api;

/// <summary>
/// A storage account that is never there: every call fails at once, and is recorded, so a test can show that a request
/// was answered without touching storage at all.
/// </summary>
internal sealed class OfflineStorage : HttpMessageHandler
{
    private const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=offline;AccountKey=b2ZmbGluZQ==;BlobEndpoint=http://offline.invalid/b;TableEndpoint=http://offline.invalid/t;";

    public OfflineStorage()
    {
        var transport = new HttpClientTransport(new HttpClient(this));
        Account = new StorageAccount(
            new BlobServiceClient(ConnectionString, Offline(new BlobClientOptions(), transport)),
            new TableServiceClient(ConnectionString, Offline(new TableClientOptions(), transport)));
    }

    public StorageAccount Account { get; }

    /// <summary>Every storage request made, method and URL.</summary>
    public List<string> Requests { get; } = [];

    private static T Offline<T>(T options, HttpPipelineTransport transport)
        where T : Azure.Core.ClientOptions
    {
        options.Transport = transport;
        options.Retry.MaxRetries = 0;
        return options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add($"{request.Method} {request.RequestUri}");
        throw new HttpRequestException("Storage is offline in this test.");
    }
}
