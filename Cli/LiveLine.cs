using System.Diagnostics;
using System.Globalization;
using System.Text;
using Spectre.Console;

namespace PrimeFunctions.Cli;

/// <summary>
/// One line of live progress redrawn in place, cut to the terminal's width on every draw so it never wraps, however
/// narrow the terminal or long the text: the text on the left (shortened with … when it must be), then a bar, the
/// percentage and the elapsed time, which are dropped in that order when even they do not fit. The elapsed time
/// ticks twice a second. Off a terminal it writes a plain line each time the text changes, and nothing with --json.
/// </summary>
internal sealed class LiveLine : IDisposable
{
    private const int MinBar = 10;
    private const int MaxBar = 30;

    private readonly IAnsiConsole console;
    private readonly bool live;
    private readonly bool silent;
    private readonly Stopwatch elapsed = Stopwatch.StartNew();
    private readonly Lock gate = new();
    private readonly Timer? ticker;
    private string text;
    private double? fraction;
    private string? figures;
    private string? lastPlain;
    private bool closed;

    public LiveLine(CliSession session, string text)
    {
        console = session.Out;
        silent = session.Json;
        live = !silent && console.Profile.Capabilities is { Ansi: true, Interactive: true };
        this.text = text;
        Draw();
        ticker = live ? new Timer(_ => Draw(), null, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)) : null;
    }

    /// <summary>Shows <paramref name="newText"/>, with a bar at <paramref name="done"/> (0 to 1) when given, and <paramref name="newFigures"/> in place of the elapsed time when given.</summary>
    public void Update(string newText, double? done = null, string? newFigures = null)
    {
        lock (gate)
        {
            (text, fraction, figures) = (newText, done, newFigures);
        }

        Draw();
    }

    /// <summary>Leaves the last state on screen and moves to the next line.</summary>
    public void Dispose()
    {
        ticker?.Dispose();
        lock (gate)
        {
            if (!closed && live)
            {
                console.Profile.Out.Writer.WriteLine();
                console.Profile.Out.Writer.Flush();
            }

            closed = true;
        }
    }

    /// <summary>The line as drawn in <paramref name="width"/> columns: never longer than that.</summary>
    public static string Layout(string text, double? fraction, string figures, int width, bool unicode)
    {
        var percent = fraction is { } f ? string.Create(CultureInfo.InvariantCulture, $"{Math.Floor(Math.Clamp(f, 0, 1) * 100),3:0}%") : "";
        var tail = $"{percent} {figures}".Trim();
        var bar = Math.Clamp(width - text.Length - tail.Length - 2, MinBar, MaxBar);
        var leftAtLeast = Math.Min(text.Length, 16);
        string[] candidates = [fraction is null ? tail : $"{Bar(fraction.Value, bar, unicode)} {tail}", tail, percent, ""];
        var right = candidates.First(candidate => candidate.Length == 0 || width - candidate.Length - 1 >= leftAtLeast);
        var left = right.Length == 0 ? width : width - right.Length - 1;
        var shown = text.Length <= left ? text.PadRight(left) : left <= 1 ? text[..Math.Max(0, left)] : text[..(left - 1)] + (unicode ? "…" : "~");
        return right.Length == 0 ? shown : $"{shown} {right}";
    }

    private static string Bar(double fraction, int width, bool unicode)
    {
        var filled = (int)Math.Round(Math.Clamp(fraction, 0, 1) * width);
        return new StringBuilder(width)
            .Append(unicode ? '━' : '#', filled)
            .Append(unicode ? '─' : '-', width - filled)
            .ToString();
    }

    private static string Elapsed(TimeSpan time) =>
        time.TotalHours >= 1 ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    private void Draw()
    {
        lock (gate)
        {
            if (closed || silent)
            {
                return;
            }

            var writer = console.Profile.Out.Writer;
            if (!live)
            {
                if (text != lastPlain)
                {
                    writer.WriteLine(text);
                    lastPlain = text;
                }

                return;
            }

            // The last column is left empty: a character written there makes some terminals wrap at once.
            var width = Math.Max(1, console.Profile.Width - 1);
            var line = Layout(text, fraction, figures ?? Elapsed(elapsed.Elapsed), width, console.Profile.Capabilities.Unicode);
            writer.Write($"\r{line}\u001b[K");
            writer.Flush();
        }
    }
}
