namespace PrimeFunctions.Engine;

/// <summary>The steps of Baillie–PSW, in order.</summary>
public enum PrimalityPhase
{
    TrialDivision,

    /// <summary>The strong probable-prime test to base 2: one modular power with an exponent as long as the number.</summary>
    MillerRabin,

    /// <summary>The strong Lucas test: a chain of doublings as long as the number, then up to as many squarings.</summary>
    Lucas,
}
