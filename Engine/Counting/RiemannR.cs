namespace PrimeFunctions.Engine.Counting;

/// <summary>Riemann's R(x) = Σ μ(k)/k · li(x^(1/k)), the smooth estimate of π(x), and its inverse, the estimate of the n-th prime.</summary>
/// <remarks>
/// In doubles: near 2^64 the estimate is off from the n-th prime by far more than a double's rounding (about
/// √x·ln x), and the n-th prime search only needs a starting point whose distance the sieve then covers.
/// li is Ramanujan's series, which converges for every x &gt; 1 in about 2·ln x terms.
/// </remarks>
public static class RiemannR
{
    private const double EulerGamma = 0.57721566490153286061;

    public static double Li(double x)
    {
        var lnX = Math.Log(x);
        double sum = 0, term = 1, inner = 0;
        for (var n = 1; n < 200; n++)
        {
            term *= lnX / n;
            if ((n - 1) % 2 == 0)
            {
                inner += 1.0 / n;
            }

            var add = term / Math.Pow(2, n - 1) * inner * (n % 2 == 1 ? 1 : -1);
            sum += add;
            if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
            {
                break;
            }
        }

        return EulerGamma + Math.Log(lnX) + Math.Sqrt(x) * sum;
    }

    public static double R(double x)
    {
        double sum = 0;
        for (var k = 1; k < 64; k++)
        {
            var root = Math.Pow(x, 1.0 / k);
            if (root < 2)
            {
                break;
            }

            var mu = Mobius(k);
            if (mu != 0)
            {
                sum += mu * Li(root) / k;
            }
        }

        return sum;
    }

    /// <summary>The x with R(x) = n, by Newton's method (R'(x) ≈ 1/ln x).</summary>
    public static double Inverse(double n)
    {
        var x = Math.Max(2, n * Math.Log(Math.Max(n, 2)));
        for (var i = 0; i < 100; i++)
        {
            var step = (R(x) - n) * Math.Log(x);
            x = Math.Max(2, x - step);
            if (Math.Abs(step) < 1)
            {
                break;
            }
        }

        return x;
    }

    private static int Mobius(int k)
    {
        var mu = 1;
        for (var p = 2; p * p <= k; p++)
        {
            if (k % p == 0)
            {
                k /= p;
                if (k % p == 0)
                {
                    return 0;
                }

                mu = -mu;
            }
        }

        return k > 1 ? -mu : mu;
    }
}
