using PrimeFunctions.Cli;

return await new PrimesCommandLine(Console.Out, Console.Error, terminal: !Console.IsOutputRedirected).InvokeAsync(args);
