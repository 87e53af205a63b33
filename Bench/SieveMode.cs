namespace PrimeFunctions.Bench;

/// <summary>How much of a job's work one `sieve` run does after sieving.</summary>
internal enum SieveMode
{
    /// <summary>Count only, keeping no bitmap (<c>SegmentSieve.Count</c>), as a count job's sieved stretches do.</summary>
    Count,

    /// <summary>Also serialize the stored form, as a segment activity does before uploading.</summary>
    Store,

    /// <summary>Also render the text form, as the results endpoint does.</summary>
    Text,
}
