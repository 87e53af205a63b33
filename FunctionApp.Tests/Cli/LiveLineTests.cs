using PrimeFunctions.Cli;

namespace PrimeFunctions.Tests.Cli;

/// <summary>How the live progress line is laid out for a width: never longer, and what gives way first.</summary>
public sealed class LiveLineTests
{
    private const string Job = "primes-0-1000000000: sieving 7/11 segments (0 reused), 33,405,668 primes";

    [Theory]
    [InlineData(79)]
    [InlineData(99)]
    [InlineData(119)]
    [InlineData(200)]
    public void A_job_line_keeps_its_bar_percentage_and_time_from_80_columns_up(int width)
    {
        var line = LiveLine.Layout(Job, 7 / 11.0, "1:05", width, unicode: true);

        Assert.Equal(width, line.Length);
        Assert.EndsWith(" 63% 1:05", line);
        Assert.Contains("━━━━━", line);
        Assert.StartsWith("primes-0-1000000000", line);
    }

    [Fact]
    public void Text_is_shortened_before_the_bar_and_kept_whole_when_it_fits()
    {
        var narrow = LiveLine.Layout(Job, 1, "0:09", 79, unicode: true);
        var wide = LiveLine.Layout(Job, 1, "0:09", 200, unicode: true);

        Assert.Contains("…", narrow);
        Assert.Contains("100%", narrow);
        Assert.StartsWith(Job + " ", wide);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(12)]
    [InlineData(1)]
    public void A_very_narrow_terminal_drops_the_bar_then_the_time_and_never_overflows(int width)
    {
        var line = LiveLine.Layout(Job, 0.5, "12:34", width, unicode: false);

        Assert.True(line.Length <= width, $"'{line}' is {line.Length} columns in {width}");
        Assert.DoesNotContain("#", line);
    }
}
