using PrimeFunctions.LocalHost;

await using var host = await LocalHostApp.CreateAsync(args);
await host.App.RunAsync();
