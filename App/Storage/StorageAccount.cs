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

    public static StorageAccount FromConnectionString(string connectionString) =>
        new(new BlobServiceClient(connectionString, QuickRetries(new BlobClientOptions())),
            new TableServiceClient(connectionString, QuickRetries(new TableClientOptions())));

    public static StorageAccount FromConfiguration(IConfiguration configuration)
    {
        var connectionString = configuration[SettingName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return FromConnectionString(connectionString);
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
            new BlobServiceClient(new Uri($"https://{accountName}.blob.core.windows.net"), credential, QuickRetries(new BlobClientOptions())),
            new TableServiceClient(new Uri($"https://{accountName}.table.core.windows.net"), credential, QuickRetries(new TableClientOptions())));
    }

    /// <summary>
    /// Requests wait on these calls, so retries are quick: three within about a second ride out a blip, and an outage is
    /// answered 503 in about a second instead of the SDK's default five. Activities have their own retries on top.
    /// </summary>
    private static T QuickRetries<T>(T options)
        where T : ClientOptions
    {
        options.Retry.MaxRetries = 3;
        options.Retry.Delay = TimeSpan.FromMilliseconds(100);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(500);
        return options;
    }
}
