namespace PrimeFunctions.Api;

/// <summary>The body of a 202 to a DELETE of a job that is still stopping: which job, and what to do.</summary>
public sealed record StoppingJob(string Id, string Detail);
