using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>
/// The optimal ate pairing on BN254: Miller loop over 6u+2 plus two Frobenius lines, then the final exponentiation.
/// Its inputs are public in every use (proofs, verifying keys, setup contributions), so its two inversions are the
/// variable-time kind (about 2 us each instead of 23).
/// </summary>
public static class Pairing
{
    /// <summary>6u + 2 in non-adjacent form, least significant digit first.</summary>
    internal static readonly sbyte[] LoopNaf = Naf(6 * G2.U + 2);
    /// <summary>
    /// u in width-4 NAF for the three exponentiations of the hard part: 14 non-zero digits instead of plain NAF's 24,
    /// for the price of three products and a squaring that make u's odd powers.
    /// </summary>
    static readonly sbyte[] UWindowNaf = Naf(G2.U, 4);

    public static Fp12 Pair(in G1Affine p, in G2Affine q) => FinalExponentiation(MillerLoop([p], [new G2Prepared(q)]));

    /// <summary>Whether prod e(P_i, Q_i) = 1, with one shared Miller loop and one final exponentiation.</summary>
    public static bool Check(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Prepared> qs) =>
        FinalExponentiation(MillerLoop(ps, qs)).IsOne;

    /// <summary>The product of the Miller loops of every pair (pairs with a point at infinity contribute 1).</summary>
    public static Fp12 MillerLoop(ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Prepared> qs)
    {
        if (ps.Length != qs.Length) throw new ArgumentException("as many G1 as G2 points are needed");
        var f = Fp12.One;
        int lineCount = 0;
        for (int k = 0; k < ps.Length; k++)
            if (!ps[k].IsInfinity && !qs[k].IsInfinity) { lineCount = qs[k].Lines.Length; break; }
        if (lineCount == 0) return f;

        // Pairs with normalized lines evaluate them at (xP/yP, 1/yP): one batched inversion for all of them.
        // yP is never zero on G1 (no point of order 2 in a group of prime order).
        var scaled = new G1Affine[ps.Length];
        var yInverse = new Fp[ps.Length];
        for (int k = 0; k < ps.Length; k++)
            if (qs[k].Normalized && !ps[k].IsInfinity) yInverse[k] = ps[k].Y;
        Fp.BatchInverse(yInverse, vartime: true);
        for (int k = 0; k < ps.Length; k++)
            scaled[k] = qs[k].Normalized && !ps[k].IsInfinity ? new G1Affine(ps[k].X * yInverse[k], yInverse[k]) : ps[k];

        int at = 0;
        for (int i = LoopNaf.Length - 2; i >= 0; i--)
        {
            if (i != LoopNaf.Length - 2) f = f.Square();
            f = ApplyLines(f, scaled, qs, at); at += 3;
            if (LoopNaf[i] != 0) { f = ApplyLines(f, scaled, qs, at); at += 3; }
        }
        f = ApplyLines(f, scaled, qs, at); at += 3;
        f = ApplyLines(f, scaled, qs, at);
        return f;
    }

    /// <summary>Multiplies in each pair's line at this step; for a normalized pair, ps holds (xP/yP, 1/yP).</summary>
    static Fp12 ApplyLines(Fp12 f, ReadOnlySpan<G1Affine> ps, ReadOnlySpan<G2Prepared> qs, int at)
    {
        for (int k = 0; k < ps.Length; k++)
        {
            if (ps[k].IsInfinity || qs[k].IsInfinity) continue;
            var l = qs[k].Lines;
            f = qs[k].Normalized
                ? f.MulByNormalizedLine(l[at + 1] * ps[k].X, l[at + 2] * ps[k].Y)
                : f.MulByLine(l[at] * ps[k].Y, l[at + 1] * ps[k].X, l[at + 2]);
        }
        return f;
    }

    /// <summary>f^((p^12 - 1)/r): the easy part (p^6 - 1)(p^2 + 1), then the hard part (p^4 - p^2 + 1)/r.</summary>
    public static Fp12 FinalExponentiation(in Fp12 f)
    {
        var t = f.Conjugate() * f.Inverse(vartime: true);
        t = t.Frobenius(2) * t;
        return HardPart(t);
    }

    /// <summary>
    /// Raises t to (p^4 - p^2 + 1)/r = l0 + l1 p + l2 p^2 + l3 p^3 with l3 = 1, l2 = 6u^2 + 1,
    /// l1 = -36u^3 - 18u^2 - 12u + 1, l0 = -36u^3 - 30u^2 - 18u - 2 (a test checks the identity), using three
    /// exponentiations by u and Frobenius maps; t is in the cyclotomic subgroup, so inverses are conjugates.
    /// </summary>
    static Fp12 HardPart(in Fp12 t)
    {
        var a = t.CyclotomicPow(UWindowNaf);
        var b = a.CyclotomicPow(UWindowNaf);
        var c = b.CyclotomicPow(UWindowNaf);
        var a2 = a.CyclotomicSquare(); var a6 = a2.CyclotomicSquare() * a2; var a12 = a6.CyclotomicSquare(); var a18 = a12 * a6;
        var b2 = b.CyclotomicSquare(); var b6 = b2.CyclotomicSquare() * b2; var b12 = b6.CyclotomicSquare(); var b18 = b12 * b6;
        var c4 = c.CyclotomicSquare().CyclotomicSquare();
        var c36 = c4.CyclotomicSquare().CyclotomicSquare().CyclotomicSquare() * c4;
        var c36b18 = c36 * b18;
        var l3 = t.Frobenius(3);
        var l2 = (b6 * t).Frobenius(2);
        var l1 = ((c36b18 * a12).Conjugate() * t).Frobenius(1);
        var l0 = (c36b18 * b12 * a18 * t.CyclotomicSquare()).Conjugate();
        return l3 * l2 * l1 * l0;
    }

    /// <summary>Non-adjacent form of a positive integer, least significant digit first.</summary>
    internal static sbyte[] Naf(BigInteger k) => Naf(k, 2);

    /// <summary>
    /// Width-w non-adjacent form of a positive integer, least significant digit first: odd digits d with
    /// |d| &lt; 2^(w-1), and at least w - 1 zeros after each non-zero digit.
    /// </summary>
    internal static sbyte[] Naf(BigInteger k, int width)
    {
        var digits = new List<sbyte>();
        int modulus = 1 << width;
        while (k > 0)
        {
            if (!k.IsEven)
            {
                int d = (int)(k % modulus);
                if (d >= modulus / 2) d -= modulus;
                digits.Add((sbyte)d);
                k -= d;
            }
            else digits.Add(0);
            k >>= 1;
        }
        return [.. digits];
    }
}
