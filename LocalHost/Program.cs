using PrimeFunctions.LocalHost;

try
{
    await using var host = await LocalHostApp.CreateAsync(args);
    await host.App.RunAsync();
    return 0;
}
catch (StartupProblem problem)
{
    Console.Error.WriteLine(problem.Message);
    return 1;
}
