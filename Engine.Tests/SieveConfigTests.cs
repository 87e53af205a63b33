using PrimeFunctions.Engine;

namespace PrimeFunctions.Engine.Tests;

public sealed class SieveConfigTests
{
    [Theory]
    [InlineData(32 << 10, 512 << 10, 32 << 10, 1 << 20)]
    [InlineData(48 << 10, 1280 << 10, 32 << 10, 1 << 20)]
    [InlineData(64 << 10, 256 << 10, 64 << 10, 512 << 10)]
    [InlineData(1 << 10, 16 << 10, 8 << 10, 64 << 10)]
    [InlineData(1 << 20, 64 << 20, 128 << 10, 1 << 20)]
    [InlineData(128 << 10, 32 << 10, 128 << 10, 128 << 10)]
    public void Chunk_is_the_L1d_and_block_twice_the_L2_rounded_down_to_powers_of_two_and_clamped_to_what_the_sieve_supports(long l1d, long l2, uint chunk, uint block)
    {
        var config = SieveConfig.FromCacheSizes(new CacheSizes(l1d, l2));
        Assert.Equal((chunk, block), (config.ChunkBytes, config.BlockBytes));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(-1, -1)]
    public void Unknown_sizes_fall_back_to_32_KiB_L1d_and_1_MiB_L2(long l1d, long l2)
    {
        var config = SieveConfig.FromCacheSizes(new CacheSizes(l1d, l2));
        Assert.Equal((32u << 10, 1u << 20), (config.ChunkBytes, config.BlockBytes));
    }

    [Theory]
    [InlineData(8 << 10, 64 << 10)]
    [InlineData(48 << 10, 2 << 20)]
    public void Small_primes_end_at_an_eighth_of_the_chunk_and_medium_primes_at_the_block(long l1d, long l2)
    {
        var config = SieveConfig.FromCacheSizes(new CacheSizes(l1d, l2));
        Assert.Equal(config.ChunkBytes / 8, config.SmallLimit);
        Assert.Equal(config.BlockBytes, config.MediumLimit);
        Assert.Equal(1u << config.BlockShift, config.BlockBytes);
    }

    [Fact]
    public void Every_block_takes_its_medium_primes_from_the_shared_cache()
    {
        var largest = SieveConfig.FromCacheSizes(new CacheSizes(long.MaxValue, long.MaxValue));
        Assert.True(largest.MediumLimit <= SieveConfig.SievingPrimeCacheLimit);
    }
}
