namespace PrimeFunctions.Engine;

/// <summary>
/// How far a long probable-prime test has got: the test writes its phase and step as it goes (a plain store per
/// step, cheap beside a multiplication of big numbers), and whoever watches it reads them from another thread.
/// </summary>
public sealed class PrimalityProgress
{
    private int phase;
    private long done;
    private long total;

    public PrimalityPhase Phase => (PrimalityPhase)Volatile.Read(ref phase);

    /// <summary>Steps of the current phase done: bits of the exponent or of the Lucas chain.</summary>
    public long Done => Volatile.Read(ref done);

    /// <summary>Steps the current phase has in all.</summary>
    public long Total => Volatile.Read(ref total);

    internal void Start(PrimalityPhase next, long steps)
    {
        Volatile.Write(ref done, 0);
        Volatile.Write(ref total, steps);
        Volatile.Write(ref phase, (int)next);
    }

    internal void Advance(long steps) => Volatile.Write(ref done, steps);
}
