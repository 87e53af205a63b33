using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace PrimeFunctions.Bench;

/// <summary>
/// Where the engine-alone pipeline stores its segments when it is to pay for storage as a job does: a blob and a
/// catalog row per segment, in a container and table of their own (<c>benchsegments</c>) of the given account.
/// </summary>
internal sealed class SegmentSink
{
    private const string Name = "benchsegments";
    private readonly BlobContainerClient container;
    private readonly TableClient catalog;

    private SegmentSink(BlobContainerClient container, TableClient catalog)
    {
        this.container = container;
        this.catalog = catalog;
    }

    public static async Task<SegmentSink> OpenAsync(string connectionString)
    {
        var sink = new SegmentSink(new BlobContainerClient(connectionString, Name), new TableClient(connectionString, Name));
        await sink.container.CreateIfNotExistsAsync();
        await sink.catalog.CreateIfNotExistsAsync();
        return sink;
    }

    public async Task StoreAsync(long index, byte[] bytes, string sha256, long count)
    {
        var row = index.ToString("D20", System.Globalization.CultureInfo.InvariantCulture);
        await container.GetBlobClient($"{row}.wheel").UploadAsync(new BinaryData(bytes), overwrite: true);
        await catalog.UpsertEntityAsync(new TableEntity("bench", row) { ["Sha256"] = sha256, ["Count"] = count, ["Bytes"] = bytes.Length });
    }
}
