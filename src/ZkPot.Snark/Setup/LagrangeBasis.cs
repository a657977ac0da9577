using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>The Lagrange basis polynomials of the 2^k-th roots of unity (snarkjs's roots, natural order) evaluated at one point.</summary>
internal static class LagrangeBasis
{
    /// <summary>
    /// L_j(x) = (x^n - 1) w^j / (n (x - w^j)) for j &lt; n = 2^domainPower. Throws when x is itself a root of unity of the
    /// domain, where the formula divides by zero (probability n/r for a random x).
    /// </summary>
    public static Fr[] Evaluate(in Fr x, int domainPower)
    {
        var n = 1 << domainPower;
        var w = NttRoots.Root(domainPower);
        var zx = x.Pow([(ulong)n]) - Fr.One;
        if (zx.IsZero)
            throw new ArgumentException($"the evaluation point is a 2^{domainPower}-th root of unity", nameof(x));
        var numerators = new Fr[n];
        var denominators = new Fr[n];
        var wj = Fr.One;
        for (var j = 0; j < n; j++)
        {
            numerators[j] = wj;
            denominators[j] = x - wj;
            wj *= w;
        }
        Fr.BatchInverse(denominators);
        var factor = zx * Fr.FromUInt64((ulong)n).Inverse();
        for (var j = 0; j < n; j++)
            numerators[j] = factor * numerators[j] * denominators[j];
        return numerators;
    }
}
