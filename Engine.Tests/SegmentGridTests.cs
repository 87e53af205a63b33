namespace PrimeFunctions.Engine.Tests;

public sealed class SegmentGridTests
{
    [Theory]
    [InlineData(100_000_000UL)]
    [InlineData(3_000_000UL)]
    [InlineData(99_999_989UL)]
    public void Segments_tile_the_domain_and_the_last_one_ends_at_the_top(ulong width)
    {
        var grid = new SegmentGrid(width);
        var last = grid.IndexOf(ulong.MaxValue);
        Assert.Equal(ulong.MaxValue, grid.Bounds(last).High);
        Assert.Equal(grid.Bounds(last - 1).High + 1, grid.Bounds(last).Low);
        Assert.Equal((0UL, width - 1), grid.Bounds(0));
        Assert.Equal(grid.Bounds(0).High + 1, grid.Bounds(1).Low);
    }

    [Fact]
    public void Every_integer_lies_in_the_segment_its_index_names()
    {
        var grid = new SegmentGrid(1_000);
        foreach (var n in new ulong[] { 0, 999, 1000, 123_456_789, ulong.MaxValue - 1000, ulong.MaxValue })
        {
            var (low, high) = grid.Bounds(grid.IndexOf(n));
            Assert.InRange(n, low, high);
        }
    }
}
