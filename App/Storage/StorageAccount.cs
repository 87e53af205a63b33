using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace PrimeFunctions.Storage;

/// <summary>
/// The storage account the app keeps its segments and manifests in: the same one Durable Functions uses,
/// named by <c>AzureWebJobsStorage</c> — a connection string locally (Azurite), or in Azure the
/// identity-based form (<c>AzureWebJobsStorage__accountName</c>, optional <c>__clientId</c>), so no key
/// ever sits in a setting.
/// </summary>
public sealed class StorageAccount
{
    public const string SettingName = "AzureWebJobsStorage";

    public StorageAccount(BlobServiceClient blobs, TableServiceClient tables)
    {
        Blobs = blobs;
        Tables = tables;
    }

    public BlobServiceClient Blobs { get; }
    public TableServiceClient Tables { get; }

    /// <summary>The longest one storage call takes, its retries included, unless a setting says otherwise.</summary>
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(10);

    public static StorageAccount FromConnectionString(string connectionString) => FromConnectionString(connectionString, DefaultCallTimeout);

    public static StorageAccount FromConnectionString(string connectionString, TimeSpan callTimeout) =>
        new(new BlobServiceClient(connectionString, Bounded(new BlobClientOptions(), callTimeout)),
            new TableServiceClient(connectionString, Bounded(new TableClientOptions(), callTimeout)));

    public static StorageAccount FromConfiguration(IConfiguration configuration, TimeSpan callTimeout)
    {
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString, callTimeout);
        }

        var section = configuration.GetSection(SettingName);
        var accountName = section["accountName"];
        if (string.IsNullOrWhiteSpace(accountName))
        {
            throw new InvalidOperationException(
                $"Setting '{SettingName}' is missing: give a connection string (UseDevelopmentStorage=true for Azurite) " +
                $"or '{SettingName}__accountName' for a managed identity.");
        }

        TokenCredential credential = section["clientId"] is { Length: > 0 } clientId
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
        return new StorageAccount(
            new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential, Bounded(new BlobClientOptions(), callTimeout)),
            new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, Bounded(new TableClientOptions(), callTimeout)));
    }

    /// <summary>
    /// Requests wait on these calls, so retries are quick — three within about a second ride out a blip — and each call
    /// is bounded as a whole by <paramref name="callTimeout"/> (<see cref="CallBudgetPolicy"/>): storage that stops
    /// answering is a 503 within it instead of the SDK's 100 seconds a try. Activities have their own, patient retries
    /// on top (the orchestrator's retry policy), and a stalled account holds the durable runtime's queues too, so a
    /// job waits for storage to come back rather than failing.
    /// </summary>
    private static T Bounded<T>(T options, TimeSpan callTimeout)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        options.Retry.NetworkTimeout = callTimeout;
        options.AddPolicy(new CallBudgetPolicy(callTimeout), HttpPipelinePosition.PerRetry);
        return options;
    }
}
