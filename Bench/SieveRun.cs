using PrimeFunctions.Engine;

namespace PrimeFunctions.Bench;

/// <summary>One benchmark run: [From, To] cut into chunks, each sieved by one call and then counted, stored or rendered.</summary>
/// <remarks>With several threads, chunks are narrowed so that each thread gets at least one of about equal width.</remarks>
internal sealed class SieveRun(ulong from, ulong to, ulong chunkWidth, int threads, SieveMode mode, Stream? textOutput, SieveConfig config)
{
    private const int TextBufferBytes = 1 << 16;

    private readonly ulong _chunkWidth = threads == 1 ? chunkWidth : Math.Min(chunkWidth, (to - from) / (ulong)threads + 1);

    public ulong From { get; } = from;

    public ulong To { get; } = to;

    private long ChunkCount => (long)((To - From) / _chunkWidth) + 1;

    /// <summary>Runs every chunk; returns the prime count and the bytes produced.</summary>
    public (long Count, long Bytes) Execute()
    {
        if (threads == 1)
        {
            long count = 0, bytes = 0;
            var buffer = new byte[TextBufferBytes];
            for (long index = 0; index < ChunkCount; index++)
            {
                var (c, b) = RunChunk(index, buffer, textOutput);
                count += c;
                bytes += b;
            }

            return (count, bytes);
        }

        if (textOutput is null)
        {
            long count = 0, bytes = 0;
            var gate = new object();
            Parallel.For(
                0,
                ChunkCount,
                new ParallelOptions { MaxDegreeOfParallelism = threads },
                () => (Count: 0L, Bytes: 0L, Buffer: new byte[TextBufferBytes]),
                (index, _, local) =>
                {
                    var (c, b) = RunChunk(index, local.Buffer, null);
                    return (local.Count + c, local.Bytes + b, local.Buffer);
                },
                local =>
                {
                    lock (gate)
                    {
                        count += local.Count;
                        bytes += local.Bytes;
                    }
                });
            return (count, bytes);
        }

        return ExecuteOrderedText();
    }

    /// <summary>Parallel text that must reach the file in order: each wave of chunks renders to memory, then is written in sequence.</summary>
    private (long Count, long Bytes) ExecuteOrderedText()
    {
        long count = 0, bytes = 0;
        for (long wave = 0; wave < ChunkCount; wave += threads)
        {
            var size = (int)Math.Min(threads, ChunkCount - wave);
            var rendered = new MemoryStream[size];
            var counts = new long[size];
            Parallel.For(0, size, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
            {
                rendered[i] = new MemoryStream();
                counts[i] = RunChunk(wave + i, new byte[TextBufferBytes], rendered[i]).Count;
            });
            for (var i = 0; i < size; i++)
            {
                count += counts[i];
                bytes += rendered[i].Length;
                rendered[i].WriteTo(textOutput!);
            }
        }

        return (count, bytes);
    }

    private (long Count, long Bytes) RunChunk(long index, byte[] buffer, Stream? output)
    {
        var low = From + (ulong)index * _chunkWidth;
        var high = To - low < _chunkWidth ? To : low + _chunkWidth - 1;
        if (mode == SieveMode.Count)
        {
            return (SegmentSieve.Count(low, high, config), 0);
        }

        var bitmap = SegmentSieve.Sieve(low, high, config);
        switch (mode)
        {
            case SieveMode.Store:
                return (bitmap.Count, bitmap.ToStoredBytes().Length);
            case SieveMode.Text:
                long bytes = 0;
                var position = low;
                int written;
                while ((written = bitmap.WriteText(ref position, high, buffer)) > 0)
                {
                    output?.Write(buffer, 0, written);
                    bytes += written;
                }

                return (bitmap.Count, bytes);
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, null);
        }
    }
}
