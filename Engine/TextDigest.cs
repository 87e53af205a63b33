using System.Buffers;
using System.Security.Cryptography;
using System.Threading.Channels;

namespace PrimeFunctions.Engine;

/// <summary>
/// The SHA-256 and length of a job's text form, and the sum of the primes in it, computed while it is rendered: rendering and hashing each take
/// about as long as the other, so one thread renders chunks while another hashes the ones before — the merge
/// step's cost drops to the slower of the two instead of their sum.
/// </summary>
public sealed class TextDigest
{
    private const int ChunkBytes = 1 << 18;

    private readonly Channel<(byte[] Chunk, int Length)> chunks = Channel.CreateBounded<(byte[], int)>(8);
    private readonly IncrementalHash sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly Task hashing;
    private UInt128 sum;

    public TextDigest() => hashing = Task.Run(HashAsync);

    public long Bytes { get; private set; }

    /// <summary>The sum of the primes appended so far (below 2^128 for any set of primes below 2^64).</summary>
    public UInt128 Sum => sum;

    /// <summary>Renders the primes of <paramref name="bitmap"/> in [low, high] and queues them for hashing.</summary>
    public async Task AppendAsync(WheelBitmap bitmap, ulong low, ulong high)
    {
        for (var position = low; ;)
        {
            var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
            var written = bitmap.WriteText(ref position, high, chunk, ref sum);
            if (written == 0)
            {
                ArrayPool<byte>.Shared.Return(chunk);
                return;
            }

            Bytes += written;
            await chunks.Writer.WriteAsync((chunk, written));
        }
    }

    /// <summary>The lowercase hex SHA-256 of everything appended.</summary>
    public async Task<string> CompleteAsync()
    {
        chunks.Writer.Complete();
        await hashing;
        using (sha)
        {
            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }
    }

    private async Task HashAsync()
    {
        await foreach (var (chunk, length) in chunks.Reader.ReadAllAsync())
        {
            sha.AppendData(chunk, 0, length);
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }
}
