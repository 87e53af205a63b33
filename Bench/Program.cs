using System.CommandLine;
using PrimeFunctions.Bench;

var root = new RootCommand("Prime engine benchmarks: whole-range runs to compare with primesieve, and BenchmarkDotNet kernels.")
{
    SieveCommand.Create(),
    IsPrimeCommand.Create(),
    MicroCommand.Create(),
};
return root.Parse(args).Invoke();
