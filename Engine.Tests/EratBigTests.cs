using FsCheck;
using FsCheck.Xunit;
using PrimeFunctions.Engine;

using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Engine.Tests;

/// <summary>
/// The bucket sieve files primes with vectorised remainders when the CPU has 512-bit vectors and by scalar
/// division otherwise (and for the last few primes of a batch); both must mark the same multiples.
/// </summary>
public sealed class EratBigTests
{
    [Property(MaxTest = 10)]
    public void Filing_primes_one_at_a_time_marks_the_same_multiples_as_filing_a_batch(DoNotSize<ulong> startArgument)
    {
        var low = (1ul << 44) + startArgument.Item % (ulong.MaxValue - (1ul << 45));
        var high = low + 3_000_000;
        var length = (uint)((high - (low - low % 30)) / 30 + 1);
        var primes = NaivePrimes.PrimesIn((1 << 20) + 1, (1 << 20) + 200_000).Select(p => (uint)p).ToArray();

        var batched = new byte[length + 8];
        batched.AsSpan().Fill(0xFF);
        using (var big = new EratBig(low, high, length, 16, primes.Length))
        {
            big.Add(primes);
            big.CrossOff(batched);
        }

        var single = new byte[length + 8];
        single.AsSpan().Fill(0xFF);
        using (var big = new EratBig(low, high, length, 16, primes.Length))
        {
            foreach (var p in primes)
            {
                big.Add([p]);
            }

            big.CrossOff(single);
        }

        Assert.Equal(batched, single);
        Assert.Contains(batched, b => b != 0xFF);
    }
}
