using System.Numerics;
using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Multiplies many G1 points by one scalar, as a phase-2 contribution does to every C and H point, with the GLV method:
/// BN254's G1 has the endomorphism phi(x, y) = (beta x, y) = [lambda](x, y) for cube roots of unity beta mod p and lambda
/// mod r, so k = k1 + k2 lambda with k1, k2 of about 128 bits gives [k]P = [k1]P + [k2]phi(P): half the doublings, and
/// width-5 NAF digits leave about one addition per six bits of each half. The split is computed once for the scalar;
/// the constants are derived at start-up and checked against the generator rather than copied in.
/// </summary>
internal sealed class G1ScalarMultiplier
{
    const int NafWidth = 5;
    const int TableSize = 1 << (NafWidth - 2);

    static readonly Fp Beta;
    static readonly BigInteger Lambda;
    static readonly (BigInteger A, BigInteger B) V1, V2;

    readonly sbyte[] _naf1, _naf2;
    readonly bool _negate1, _negate2;

    static G1ScalarMultiplier()
    {
        Beta = CubeRootOfUnity(Fp.FromUInt64(2), Fp.Modulus, (g, e) => g.Pow(e), f => f.IsOne);
        var lambda = CubeRootOfUnity(Fr.FromUInt64(2), Fr.Modulus, (g, e) => g.Pow(e), f => f.IsOne);
        // Two primitive cube roots mod r; phi matches one of them.
        var phiG = new G1Affine(G1.Generator.X * Beta, G1.Generator.Y);
        if (G1.Generator.ToJacobian().Multiply(lambda).ToAffine() != phiG)
            lambda = lambda.Square();
        if (G1.Generator.ToJacobian().Multiply(lambda).ToAffine() != phiG)
            throw new InvalidOperationException("no cube root of unity mod r matches the G1 endomorphism");
        Lambda = lambda.ToBigInteger();
        (V1, V2) = ShortBasis(Fr.Modulus, Lambda);
    }

    public G1ScalarMultiplier(in Fr scalar)
    {
        var (k1, k2) = Split(scalar.ToBigInteger());
        _negate1 = k1.Sign < 0;
        _negate2 = k2.Sign < 0;
        _naf1 = Naf(BigInteger.Abs(k1));
        _naf2 = Naf(BigInteger.Abs(k2));
    }

    public G1Jacobian Multiply(in G1Affine point)
    {
        if (point.IsInfinity)
            return G1Jacobian.Infinity;
        // Odd multiples P, 3P, ..., 15P and their images under phi (beta X, Y, Z): phi commutes with the multiples.
        Span<G1Jacobian> table = stackalloc G1Jacobian[TableSize];
        Span<G1Jacobian> phiTable = stackalloc G1Jacobian[TableSize];
        var p = point.ToJacobian();
        var twice = p.Double();
        table[0] = p;
        for (var j = 1; j < TableSize; j++)
            table[j] = table[j - 1].Add(twice);
        for (var j = 0; j < TableSize; j++)
        {
            var t = table[j];
            phiTable[j] = new G1Jacobian(t.X * Beta, _negate2 ? -t.Y : t.Y, t.Z);
            if (_negate1)
                table[j] = t.Negate();
        }

        var acc = G1Jacobian.Infinity;
        for (var i = Math.Max(_naf1.Length, _naf2.Length) - 1; i >= 0; i--)
        {
            acc = acc.Double();
            acc = AddDigit(acc, table, i < _naf1.Length ? _naf1[i] : 0);
            acc = AddDigit(acc, phiTable, i < _naf2.Length ? _naf2[i] : 0);
        }
        return acc;
    }

    static G1Jacobian AddDigit(in G1Jacobian acc, ReadOnlySpan<G1Jacobian> table, int digit) => digit switch
    {
        > 0 => acc.Add(table[(digit - 1) / 2]),
        < 0 => acc.Add(table[(-digit - 1) / 2].Negate()),
        _ => acc,
    };

    /// <summary>k = k1 + k2 lambda (mod r) with |k1|, |k2| near sqrt(r), by rounding k onto the short lattice basis.</summary>
    static (BigInteger K1, BigInteger K2) Split(BigInteger k)
    {
        var det = V1.A * V2.B - V2.A * V1.B;
        var c1 = RoundedDivide(V2.B * k, det);
        var c2 = RoundedDivide(-V1.B * k, det);
        var k1 = k - c1 * V1.A - c2 * V2.A;
        var k2 = -c1 * V1.B - c2 * V2.B;
        if (k1.GetBitLength() > 130 || k2.GetBitLength() > 130 || ((k1 + k2 * Lambda - k) % Fr.Modulus) != 0)
            throw new InvalidOperationException($"GLV split of {k} failed");
        return (k1, k2);
    }

    /// <summary>x / d rounded to the nearest integer: floor((2x + d) / 2d) for d &gt; 0.</summary>
    static BigInteger RoundedDivide(BigInteger x, BigInteger d)
    {
        if (d.Sign < 0)
        {
            x = -x;
            d = -d;
        }
        var a = 2 * x + d;
        var b = 2 * d;
        return a.Sign >= 0 ? a / b : -((-a + b - 1) / b);
    }

    /// <summary>Two short vectors (a, b) with a + b lambda = 0 mod r, from the extended Euclidean algorithm on (r, lambda).</summary>
    static ((BigInteger, BigInteger), (BigInteger, BigInteger)) ShortBasis(BigInteger r, BigInteger lambda)
    {
        var remainders = new List<BigInteger> { r, lambda };
        var ts = new List<BigInteger> { 0, 1 };
        while (remainders[^1] != 0)
        {
            var q = remainders[^2] / remainders[^1];
            remainders.Add(remainders[^2] - q * remainders[^1]);
            ts.Add(ts[^2] - q * ts[^1]);
        }
        var root = Sqrt(r);
        var m = remainders.FindLastIndex(x => x >= root);
        var v1 = (remainders[m + 1], -ts[m + 1]);
        var candidateA = (remainders[m], -ts[m]);
        var candidateB = (remainders[m + 2], -ts[m + 2]);
        var v2 = Norm(candidateA) <= Norm(candidateB) ? candidateA : candidateB;
        return (v1, v2);
    }

    static BigInteger Norm((BigInteger A, BigInteger B) v) => v.A * v.A + v.B * v.B;

    /// <summary>floor(sqrt(n)) by Newton's iteration from above (a double's estimate is 2^75 off for n near r).</summary>
    static BigInteger Sqrt(BigInteger n)
    {
        var x = BigInteger.One << (int)((n.GetBitLength() + 1) / 2);
        while (true)
        {
            var next = (x + n / x) / 2;
            if (next >= x)
                return x;
            x = next;
        }
    }

    /// <summary>Width-5 NAF digits of a non-negative integer, least significant first: odd digits in (-16, 16), at most one per five positions.</summary>
    static sbyte[] Naf(BigInteger k)
    {
        var digits = new List<sbyte>();
        const int modulus = 1 << NafWidth;
        while (k > 0)
        {
            var digit = 0;
            if (!k.IsEven)
            {
                digit = (int)(k % modulus);
                if (digit >= modulus / 2)
                    digit -= modulus;
                k -= digit;
            }
            digits.Add((sbyte)digit);
            k >>= 1;
        }
        return [.. digits];
    }

    static T CubeRootOfUnity<T>(T start, BigInteger modulus, Func<T, BigInteger, T> pow, Func<T, bool> isOne)
        where T : struct, IField<T>
    {
        var exponent = (modulus - 1) / 3;
        for (var g = start; ; g += T.One)
        {
            var root = pow(g, exponent);
            if (!isOne(root))
                return root;
        }
    }
}
