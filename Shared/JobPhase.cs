using System.Text.Json.Serialization;

namespace PrimeFunctions.Storage;

/// <summary>
/// Where a range job is: what its status shows (<c>customStatus.phase</c>) and what its state row records. Written as the
/// lower-case words clients already read.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<JobPhase>))]
public enum JobPhase
{
    [JsonStringEnumMemberName("sieving")] Sieving,
    [JsonStringEnumMemberName("merging")] Merging,
    [JsonStringEnumMemberName("completed")] Completed,
    [JsonStringEnumMemberName("deleted")] Deleted,
}
