using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace PrimeFunctions.Engine;

/// <summary>
/// The SHA-256 and length of a job's text form, and the sum of the primes in it, computed while it is rendered.
/// Rendering costs two to three times what hashing does, and only hashing has to go in order: the text is cut into
/// slices by value, rendered up to one slice per core at once, and hashed slice after slice as each is done.
/// </summary>
public sealed class TextDigest
{
    // Integers per slice: about 2 MB of text anywhere in the domain (0.4–0.5 bytes of text per integer).
    private const ulong SliceWidth = 1 << 22;
    private const int ChunkBytes = 1 << 18;

    private readonly Channel<Task<Slice>> slices = Channel.CreateBounded<Task<Slice>>(Environment.ProcessorCount);
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Task hashing;
    private UInt128 sum;
    private bool completed;

    public TextDigest() => hashing = Task.Run(HashAsync);

    /// <summary>Bytes of text appended so far (known at once: a range's length is counted, not rendered).</summary>
    public long Bytes { get; private set; }

    /// <summary>The sum of the primes appended (below 2^128 for any set of primes below 2^64), once <see cref="CompleteAsync"/> has returned.</summary>
    public UInt128 Sum => completed ? sum : throw new InvalidOperationException("The sum is known once the digest is complete.");

    /// <summary>Queues the primes of <paramref name="bitmap"/> in [low, high] for rendering and hashing, after those appended before.</summary>
    public async Task AppendAsync(WheelBitmap bitmap, ulong low, ulong high)
    {
        low = Math.Max(low, bitmap.Low);
        high = Math.Min(high, bitmap.High);
        if (low > high)
        {
            return;
        }

        Bytes += TextLayout.Length(bitmap, low, high);
        for (var from = low; ; from += SliceWidth)
        {
            var to = high - from < SliceWidth ? high : from + SliceWidth - 1;
            var (sliceLow, sliceHigh) = (from, to);
            await slices.Writer.WriteAsync(Task.Run(() => Render(bitmap, sliceLow, sliceHigh)));
            if (to == high)
            {
                return;
            }
        }
    }

    /// <summary>The lowercase hex SHA-256 of everything appended.</summary>
    public async Task<string> CompleteAsync()
    {
        slices.Writer.TryComplete();
        await hashing;
        completed = true;
        using (sha)
        {
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
    }

    private static Slice Render(WheelBitmap bitmap, ulong low, ulong high)
    {
        var chunks = new List<(byte[], int)>();
        UInt128 sliceSum = 0;
        for (var position = low; ;)
        {
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            var written = bitmap.WriteText(ref position, high, chunk, ref sliceSum);
            if (written == 0)
            {
                ArrayPool<byte>.Shared.Return(chunk);
                return new Slice(chunks, sliceSum);
            }

            chunks.Add((chunk, written));
        }
    }

    private async Task HashAsync()
    {
        try
        {
            await foreach (var rendering in slices.Reader.ReadAllAsync())
            {
                var slice = await rendering;
                foreach (var (chunk, length) in slice.Chunks)
                {
                    sha.AppendData(chunk, 0, length);
                    ArrayPool<byte>.Shared.Return(chunk);
                }

                sum += slice.Sum;
            }
        }
        catch (Exception e)
        {
            // Whoever still appends learns of it, instead of waiting for room that will never come.
            slices.Writer.TryComplete(e);
            throw;
        }
    }

    private sealed record Slice(List<(byte[] Chunk, int Length)> Chunks, UInt128 Sum);
}
