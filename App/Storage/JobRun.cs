namespace PrimeFunctions.Storage;

/// <summary>
/// One run of a job: the job's id (its range) and the id its starter gave this run. Work is matched to a run by these
/// ids alone — which segments it found stored, which its sieves finished, whether it was deleted — never by comparing
/// times, since the workers that write them each have their own clock.
/// </summary>
public sealed record JobRun(string JobId, string RunId);
