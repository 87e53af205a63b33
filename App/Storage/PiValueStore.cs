using System.Globalization;
using System.Text.Json.Serialization;
using Azure.Data.Tables;

namespace PrimeFunctions.Storage;

/// <summary>
/// Every π(x) the service has computed, in table <c>pivalues</c>: one row per x (its 20-digit decimal as row key, so rows
/// sort by x), with the value and the method. A value is exact and never changes, so a later count or n-th prime
/// job that needs the same x reads it instead of computing it again.
/// </summary>
public sealed class PiValueStore
{
    public const string TableName = "pivalues";
    private const string Partition = "pi";

    private readonly TableClient table;
    private readonly Lazy<Task> created;

    public PiValueStore(StorageAccount account)
    {
        table = account.Tables.GetTableClient(TableName);
        created = new Lazy<Task>(() => table.CreateIfNotExistsAsync());
    }

    /// <summary>π(x) if it was stored before, else null.</summary>
    public async Task<PiValue?> FindAsync(ulong x, CancellationToken cancellationToken = default)
    {
        await created.Value;
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(x), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            && ulong.TryParse(entity.GetString("Pi"), NumberStyles.None, CultureInfo.InvariantCulture, out var pi)
            ? new PiValue(x, pi, entity.GetString("Method") ?? "")
            : null;
    }

    public async Task StoreAsync(PiValue value, CancellationToken cancellationToken = default)
    {
        await created.Value;
        var entity = new TableEntity(Partition, RowKey(value.X))
        {
            ["Pi"] = value.Pi.ToString(CultureInfo.InvariantCulture),
            ["Method"] = value.Method,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    private static string RowKey(ulong x) => x.ToString("D20", CultureInfo.InvariantCulture);
}

/// <summary>π(x) and how it was found ("sieve" or "lmo").</summary>
public sealed record PiValue(
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong X,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong Pi,
    string Method);
