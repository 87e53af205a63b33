namespace PrimeFunctions.App.Tests.Orchestration;

/// <summary>An is-prime job's orchestration with a scripted activity: what it asks, what it answers, what its status says.</summary>
public sealed class IsPrimeOrchestratorTests
{
    // 2^127 − 1, a Mersenne prime of 39 digits.
    private const string Number = "170141183460469231731687303715884105727";
    private static readonly IsPrimeVerdict Verdict = new(true, IsPrimeVerdict.Probable, "baillie-psw", 39);

    [Fact]
    public async Task The_number_is_tested_by_one_activity_whose_verdict_is_the_output()
    {
        var context = Context();

        var output = await new IsPrimeOrchestrator().RunAsync(context, Number);

        Assert.Equal(Verdict, output);
        Assert.Equal([Number], context.InputsOf<string>(nameof(IsPrimeActivity)));
    }

    [Fact]
    public async Task The_status_says_testing_then_completed_with_the_numbers_digits()
    {
        var context = Context();

        await new IsPrimeOrchestrator().RunAsync(context, Number);

        Assert.Equal([new IsPrimeProgress("testing", 39), new IsPrimeProgress("completed", 39)], context.StatusesAs<IsPrimeProgress>());
    }

    private static ScriptedOrchestrationContext Context() =>
        new("isprime-test", new ActivityScript().On<string, IsPrimeVerdict>(nameof(IsPrimeActivity), _ => Verdict));
}
