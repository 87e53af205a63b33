using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using PrimeFunctions.Storage;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary>How commands print what they found: plain lines for people, one JSON document with --json.</summary>
internal static class Report
{
    // A terminal or a file, not a web page: '+' and non-ASCII stay as they are instead of \u escapes.
    private static readonly JsonSerializerOptions Indented = new(PrimesJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Prints <paramref name="value"/>, of a type <see cref="PrimesJsonContext"/> declares, as indented JSON.</summary>
    public static void Json<T>(CliSession session, T value) =>
        session.Out.Profile.Out.Writer.WriteLine(JsonSerializer.Serialize(value, Indented));

    /// <summary>A job's summary, and whether the file holding its text matches its checksum.</summary>
    public static void Summary(CliSession session, JobSummary summary, string path, string fileSha256)
    {
        var verified = fileSha256 == summary.Sha256;
        if (session.Json)
        {
            Json(session, new VerifiedFile(summary, path, fileSha256, verified));
            return;
        }

        session.Out.MarkupLineInterpolated($"[bold]{summary.Id}[/]: {summary.Count} primes, first {summary.First?.ToString(CultureInfo.InvariantCulture) ?? "-"}, last {summary.Last?.ToString(CultureInfo.InvariantCulture) ?? "-"}");
        session.Out.MarkupLineInterpolated($"sum {summary.Sum}; {summary.Segments} segments, {summary.SegmentsReused} reused");
        session.Out.MarkupLine(verified
            ? $"[green]verified[/]: {Markup.Escape(path)} ({summary.TextBytes} bytes) has SHA-256 {summary.Sha256}"
            : $"[red]checksum mismatch[/]: {Markup.Escape(path)} has SHA-256 {fileSha256}, the job's is {summary.Sha256} (remove the file to download it afresh)");
    }
}
