namespace PrimeFunctions.Cli;

/// <summary>What <c>delete</c> prints with <c>--json</c>.</summary>
internal sealed record DeletedJob(string Id, bool Deleted);
