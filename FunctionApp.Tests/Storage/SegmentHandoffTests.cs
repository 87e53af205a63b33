using PrimeFunctions.Engine;
using PrimeFunctions.Storage;
using PrimeFunctions.Tests.Fixtures;

namespace PrimeFunctions.Tests.Storage;

/// <summary>The sieve→merge hand-off against a real Azurite: settled by run id, first writer stands, waits woken or polled.</summary>
public sealed class SegmentHandoffTests(AzuriteFixture emulator) : IClassFixture<AzuriteFixture>
{
    private const ulong Width = 55_555;
    private static readonly Func<Task<bool>> Allowed = () => Task.FromResult(true);

    [Fact]
    public async Task A_segment_nobody_stored_is_sieved_by_the_run_and_handed_off_as_not_reused()
    {
        var (handoff, run) = (NewHandoff(), NewRun());

        var settled = await handoff.SettleAsync(run, Width, 3, Allowed);

        Assert.False(settled!.Reused);
        Assert.Equal(NaivePrimes.PrimesIn(Width * 3, Width * 4 - 1).Count, settled.Count);
        Assert.Equal(settled, await NewHandoff().FindAsync(run, 3));
    }

    [Fact]
    public async Task A_segment_another_run_stored_is_handed_off_as_reused()
    {
        var store = new SegmentStore(emulator.Storage);
        var earlier = NewRun();
        await new SegmentHandoff(emulator.Storage, store).SettleAsync(earlier, Width, 5, Allowed);

        var settled = await NewHandoff().SettleAsync(NewRun(), Width, 5, () => throw new InvalidOperationException("asked to sieve a stored segment"));

        Assert.True(settled!.Reused);
    }

    [Fact]
    public async Task A_segment_this_run_stored_before_it_could_hand_it_off_is_not_counted_as_reused()
    {
        var run = NewRun();
        await new SegmentStore(emulator.Storage).SaveAsync(Width, 7, SegmentSieve.Sieve(Width * 7, Width * 8 - 1), run.RunId);

        var settled = await NewHandoff().SettleAsync(run, Width, 7, Allowed);

        Assert.False(settled!.Reused);
    }

    [Fact]
    public async Task A_redelivered_sieve_answers_with_the_row_already_handed_off_whatever_the_catalog_says_now()
    {
        var run = NewRun();
        var first = await NewHandoff().SettleAsync(run, Width, 9, Allowed);
        await new SegmentStore(emulator.Storage).SaveAsync(Width, 9, SegmentSieve.Sieve(Width * 9, Width * 10 - 1), "another-run");

        var again = await NewHandoff().SettleAsync(run, Width, 9, () => throw new InvalidOperationException("sieved twice"));

        Assert.Equal(first, again);
        Assert.False(again!.Reused);
    }

    [Fact]
    public async Task A_deleted_run_neither_sieves_nor_hands_off_a_segment_nobody_stored()
    {
        var run = NewRun();

        Assert.Null(await NewHandoff().SettleAsync(run, Width, 11, () => Task.FromResult(false)));
        Assert.Null(await NewHandoff().FindAsync(run, 11));
        Assert.Null(await new SegmentStore(emulator.Storage).FindAsync(Width, 11));
    }

    [Fact]
    public async Task Two_settling_one_segment_at_once_answer_with_the_same_row()
    {
        var run = NewRun();
        var settled = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => NewHandoff().SettleAsync(run, Width, 13, Allowed)));

        Assert.Single(settled.Distinct());
        Assert.Equal(settled[0], await NewHandoff().FindAsync(run, 13));
    }

    [Fact]
    public async Task A_waiting_merge_is_woken_when_this_process_hands_the_segment_off()
    {
        var (handoff, run) = (NewHandoff(), NewRun());
        var waiting = handoff.WaitAsync(run, 15, patience: TimeSpan.FromMinutes(1));

        var settled = await handoff.SettleAsync(run, Width, 15, Allowed);

        Assert.Equal(settled, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_waiting_merge_finds_a_segment_another_worker_handed_off()
    {
        var run = NewRun();
        var waiting = NewHandoff().WaitAsync(run, 17, patience: TimeSpan.FromMinutes(1));

        var settled = await NewHandoff().SettleAsync(run, Width, 17, Allowed);

        Assert.Equal(settled, await waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_waiting_merge_is_not_satisfied_by_another_run_of_the_job()
    {
        var run = NewRun();
        var waiting = NewHandoff().WaitAsync(run, 19, patience: TimeSpan.FromMilliseconds(800));

        await NewHandoff().SettleAsync(run with { RunId = Guid.NewGuid().ToString("N") }, Width, 19, Allowed);

        Assert.Null(await waiting);
    }

    [Fact]
    public async Task A_run_reads_back_every_segment_it_handed_off_and_no_other_runs()
    {
        var run = NewRun();
        foreach (var index in new long[] { 21, 22, 23 })
        {
            await NewHandoff().SettleAsync(run, Width, index, Allowed);
        }

        await NewHandoff().SettleAsync(run with { RunId = run.RunId + "x" }, Width, 24, Allowed);

        Assert.Equal([21L, 22, 23], (await NewHandoff().ReadRunAsync(run)).Keys.Order());
    }

    private SegmentHandoff NewHandoff() => new(emulator.Storage, new SegmentStore(emulator.Storage));

    private static JobRun NewRun() => new("primes-handoff-" + Guid.NewGuid().ToString("N")[..8], Guid.NewGuid().ToString("N"));
}
