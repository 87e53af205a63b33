using System.Globalization;
using PrimeFunctions.Engine;

namespace PrimeFunctions.Storage;

/// <summary>
/// Checks that a completed job's manifest parts tile its range and add up to its summary before anything is served
/// from them: one part per grid segment, in order, each clipped to the range, with offsets and text offsets that run
/// on from the part before and end at the summary's count and text length. A row lost or damaged in the table shows
/// here, instead of as a body shorter than its <c>Content-Length</c> or a page that reads past a part.
/// </summary>
/// <remarks>
/// A part's text length is not stored, only where it starts; the check bounds it by the digit counts of the part's
/// ends (exact when they have the same number of digits), which no wrong count or offset satisfies for long.
/// </remarks>
public static class ManifestVerifier
{
    /// <summary>What is wrong with the parts, in one sentence; null when they are whole and agree with the summary.</summary>
    public static string? FindFault(JobSummary summary, IReadOnlyList<ManifestPart> parts)
    {
        if (parts.Count != summary.Segments || parts.Count == 0)
        {
            return $"it has {parts.Count} parts where its summary counts {summary.Segments} segments";
        }

        if (!TryWidthOf(parts[0].BlobName, out var width))
        {
            return $"part 0 names no segment width in '{parts[0].BlobName}'";
        }

        var grid = new SegmentGrid(width);
        var firstSegment = grid.IndexOf(summary.From);
        long offset = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var index = firstSegment + i;
            var (segmentLow, segmentHigh) = grid.Bounds(index);
            var (low, high) = (Math.Max(summary.From, segmentLow), Math.Min(summary.To, segmentHigh));
            if (part.RowKey != JobManifestStore.PartRow(i) || part.SegmentIndex != index || part.BlobName != SegmentStore.BlobNameFor(width, index))
            {
                return $"part {i} is row '{part.RowKey}' for segment {part.SegmentIndex}, where segment {index} belongs";
            }

            if (!IsDecimal(part.Low, low) || !IsDecimal(part.High, high))
            {
                return $"part {i} covers [{part.Low}, {part.High}] where the range needs [{low}, {high}]";
            }

            if (part.Count < 0 || (ulong)part.Count > high - low + 1 || part.Offset != offset)
            {
                return $"part {i} starts at prime {part.Offset} with {part.Count} primes, where the parts before end at {offset}";
            }

            var textEnd = i + 1 < parts.Count ? parts[i + 1].TextOffset : summary.TextBytes;
            if ((i == 0 && part.TextOffset != 0) || !CouldBeTextLength(low, high, part.Count, textEnd - part.TextOffset))
            {
                return $"part {i} takes text bytes {part.TextOffset} to {textEnd}, which {part.Count} primes of [{low}, {high}] cannot fill";
            }

            offset += part.Count;
        }

        return offset == summary.Count ? null : $"its parts hold {offset} primes where its summary counts {summary.Count}";
    }

    /// <summary>The grid width a segment blob's name starts with (<c>w{width}/</c>); every part is checked against it.</summary>
    internal static bool TryWidthOf(string blobName, out ulong width)
    {
        var slash = blobName.IndexOf('/');
        width = 0;
        return blobName.StartsWith('w') && slash > 1
            && ulong.TryParse(blobName.AsSpan(1, slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out width) && width > 0;
    }

    private static bool IsDecimal(string text, ulong value) =>
        ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed == value;

    /// <summary>True when <paramref name="count"/> primes of [low, high] can take exactly <paramref name="bytes"/> of text.</summary>
    private static bool CouldBeTextLength(ulong low, ulong high, long count, long bytes) =>
        TextLayout.TryLengthFromCount(low, high, count, out var exact)
            ? bytes == exact
            : bytes >= count * (Digits(low) + 1) && bytes <= count * (Digits(high) + 1);

    private static int Digits(ulong value) => value.ToString(CultureInfo.InvariantCulture).Length;
}
