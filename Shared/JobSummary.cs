using System.Text.Json.Serialization;

namespace PrimeFunctions.Storage;

/// <summary>The result of a completed range job: its orchestration output, and the head of its manifest.</summary>
public sealed record JobSummary(
    string Id,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong From,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong To,
    long Count,
    string Sum,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong? First,
    [property: JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.WriteAsString)] ulong? Last,
    string Sha256,
    long TextBytes,
    long Segments,
    long SegmentsReused);
