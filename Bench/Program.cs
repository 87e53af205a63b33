using System.CommandLine;
using PrimeFunctions.Bench;
using PrimeFunctions.Bench.Load;

var root = new RootCommand("Prime engine benchmarks: whole-range runs to compare with primesieve, BenchmarkDotNet kernels, and load on a running host.")
{
    SieveCommand.Create(),
    IsPrimeCommand.Create(),
    MicroCommand.Create(),
    LoadCommand.Create(),
    JobCommand.Create(),
    CountCommand.CreateCount(),
    CountCommand.CreateNth(),
};
return root.Parse(args).Invoke();
