namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>An is-prime job's orchestration with scripted activities: what it asks, what it answers, what its status says.</summary>
public sealed class IsPrimeOrchestratorTests
{
    // 2^127 − 1, a Mersenne prime of 39 digits.
    private const string Number = "170141183460469231731687303715884105727";
    private static readonly IsPrimeVerdict Verdict = new(true, IsPrimeVerdict.Probable, "baillie-psw", 39);

    [Fact]
    public async Task The_number_is_tested_by_one_activity_whose_verdict_is_the_output()
    {
        var context = Context(ahead: [0]);

        var output = await context.RunAsync(c => new IsPrimeOrchestrator().RunAsync(c, Number));

        Assert.Equal(Verdict, output);
        Assert.Equal([Number], context.InputsOf<string>(nameof(IsPrimeActivity)));
    }

    [Fact]
    public async Task The_status_says_testing_then_completed_with_the_numbers_digits()
    {
        var context = Context(ahead: [0]);

        await context.RunAsync(c => new IsPrimeOrchestrator().RunAsync(c, Number));

        Assert.Equal([new IsPrimeProgress("testing", 39), new IsPrimeProgress("completed", 39)], context.StatusesAs<IsPrimeProgress>());
    }

    [Fact]
    public async Task A_job_waits_in_line_showing_how_many_are_ahead_until_its_turn_comes()
    {
        var context = Context(ahead: [2, 1, 0]);

        await context.RunAsync(c => new IsPrimeOrchestrator().RunAsync(c, Number));

        Assert.Equal(
            [
                new IsPrimeProgress("queued", 39) { Ahead = 2 }, new IsPrimeProgress("queued", 39) { Ahead = 1 },
                new IsPrimeProgress("testing", 39), new IsPrimeProgress("completed", 39),
            ],
            context.StatusesAs<IsPrimeProgress>());
        Assert.Equal(3, context.InputsOf<string>(nameof(IsPrimeAdmissionActivity)).Count());
        Assert.Equal(
            [ScriptedOrchestrationContext.Start + IsPrimeOrchestrator.QueuePoll, ScriptedOrchestrationContext.Start + (2 * IsPrimeOrchestrator.QueuePoll)],
            context.Timers);
        Assert.Equal([ScriptedOrchestrationContext.Start + (2 * IsPrimeOrchestrator.QueuePoll)], context.TimesOf(nameof(IsPrimeActivity)));
    }

    [Fact]
    public async Task A_test_that_stopped_because_its_job_ended_leaves_no_verdict()
    {
        var context = new ScriptedOrchestrationContext("isprime-test", new ActivityScript()
            .On<string, int>(nameof(IsPrimeAdmissionActivity), _ => 0)
            .On<string, IsPrimeVerdict?>(nameof(IsPrimeActivity), _ => null));

        var output = await context.RunAsync(c => new IsPrimeOrchestrator().RunAsync(c, Number));

        Assert.Null(output);
        Assert.Equal("stopped", context.StatusesAs<IsPrimeProgress>().Last().Phase);
    }

    private static ScriptedOrchestrationContext Context(int[] ahead)
    {
        var answers = new Queue<int>(ahead);
        return new("isprime-test", new ActivityScript()
            .On<string, int>(nameof(IsPrimeAdmissionActivity), _ => answers.Dequeue())
            .On<string, IsPrimeVerdict>(nameof(IsPrimeActivity), _ => Verdict, _ => TimeSpan.FromMinutes(3)));
    }
}
