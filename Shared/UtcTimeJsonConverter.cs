using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrimeFunctions;

/// <summary>
/// The one way times are written in JSON: RFC 3339 in UTC with milliseconds and a <c>Z</c>
/// (<c>2026-12-07T02:27:24.123Z</c>), for <see cref="DateTimeOffset"/> and <see cref="DateTime"/> alike. Reading
/// takes any ISO 8601 time; a time without an offset is read as UTC. <c>PrimesJsonContext</c> declares both converters.
/// </summary>
public static class UtcTimeJsonConverter
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>A time as every route and the command line write it.</summary>
    public static string Write(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    private static DateTimeOffset Read(ref Utf8JsonReader reader) =>
        DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new JsonException($"'{reader.GetString()}' is not an ISO 8601 time.");

    /// <summary>Writes a <see cref="DateTimeOffset"/> in UTC.</summary>
    public sealed class ForDateTimeOffset : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            UtcTimeJsonConverter.Read(ref reader);

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(UtcTimeJsonConverter.Write(value));
    }

    /// <summary>Writes a <see cref="DateTime"/> in UTC; one of unspecified kind is taken as UTC.</summary>
    public sealed class ForDateTime : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            UtcTimeJsonConverter.Read(ref reader).UtcDateTime;

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(UtcTimeJsonConverter.Write(value.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(value, TimeSpan.Zero) : new DateTimeOffset(value.ToUniversalTime())));
    }
}
