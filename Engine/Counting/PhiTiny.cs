namespace PrimeFunctions.Engine.Counting;

/// <summary>φ(v, c) for c ≤ 6 in constant time: the integers up to v free of the first c primes repeat with the primorial's period.</summary>
internal sealed class PhiTiny
{
    /// <summary>The largest c served: 2·3·5·7·11·13 = 30030 entries.</summary>
    public const int MaxC = 6;

    private static readonly uint[] SmallPrimes = [2, 3, 5, 7, 11, 13];

    private readonly uint _period;
    private readonly uint _totient;
    private readonly ushort[] _prefix;

    public PhiTiny(int c)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(c, MaxC);
        ArgumentOutOfRangeException.ThrowIfNegative(c);
        _period = 1;
        for (var i = 0; i < c; i++)
        {
            _period *= SmallPrimes[i];
        }

        _prefix = new ushort[_period];
        ushort count = 0;
        for (uint v = 0; v < _period; v++)
        {
            var coprime = v != 0 || _period == 1;
            for (var i = 0; i < c && coprime; i++)
            {
                coprime = v % SmallPrimes[i] != 0;
            }

            // _prefix[v] = φ(v, c) for 0 ≤ v < period; v = 0 counts nothing.
            if (coprime && v != 0)
            {
                count++;
            }

            _prefix[v] = count;
        }

        _totient = _period == 1 ? 1u : count;
    }

    public ulong Phi(ulong v) => v / _period * _totient + _prefix[v % _period];
}
