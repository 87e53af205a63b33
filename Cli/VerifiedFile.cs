using PrimeFunctions.Storage;

namespace PrimeFunctions.Cli;

/// <summary>What <c>run</c> and <c>verify</c> print with <c>--json</c>: the job's summary and whether the file matches its checksum.</summary>
internal sealed record VerifiedFile(JobSummary Summary, string File, string FileSha256, bool Verified);
