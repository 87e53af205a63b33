namespace PrimeFunctions.LocalHost.Triggers;

/// <summary>A timer function: its name, its NCRONTAB schedule (with seconds) and the call of its method.</summary>
public sealed record TimerFunction(string Name, string Schedule, Func<TimerCall, Task> Run);
