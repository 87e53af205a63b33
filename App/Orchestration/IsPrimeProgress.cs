using System.Text.Json.Serialization;

namespace PrimeFunctions.Orchestration;

/// <summary>
/// The custom status of an is-prime job. <see cref="Phase"/>: <c>queued</c> (with <see cref="Ahead"/>, the tests
/// before it beyond the limit), <c>testing</c> (with <see cref="Step"/> — <c>miller-rabin</c> or <c>lucas</c> —
/// <see cref="Done"/> of <see cref="Total"/> steps, one per bit, and the <see cref="Engine"/> that runs it),
/// <c>completed</c>, or <c>stopped</c> (terminated or purged while it ran).
/// Fields that do not apply to the phase are left out.
/// </summary>
public sealed record IsPrimeProgress(string Phase, int Digits)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Ahead { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Step { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Done { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Total { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Engine { get; init; }
}
