using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>Fp12 = Fp6[w]/(w^2 - v): the pairing's target group lives here.</summary>
public readonly struct Fp12 : IEquatable<Fp12>
{
    public readonly Fp6 C0, C1;

    public Fp12(in Fp6 c0, in Fp6 c1) { C0 = c0; C1 = c1; }

    public static Fp12 One => new(Fp6.One, Fp6.Zero);
    public bool IsOne => C0 == Fp6.One && C1.IsZero;

    public static Fp12 operator *(in Fp12 a, in Fp12 b)
    {
        var v0 = a.C0 * b.C0;
        var v1 = a.C1 * b.C1;
        return new(v0 + v1.MulByV(), (a.C0 + a.C1) * (b.C0 + b.C1) - v0 - v1);
    }

    public Fp12 Square()
    {
        var ab = C0 * C1;
        var c0 = (C0 + C1) * (C0 + C1.MulByV()) - ab - ab.MulByV();
        return new(c0, ab + ab);
    }

    /// <summary>
    /// Multiplies by a Miller-loop line a0 + b0 w + b1 v w (only w^0, w^1 and w^3 set), using Karatsuba over the
    /// sparse factors.
    /// </summary>
    public Fp12 MulByLine(in Fp2 a0, in Fp2 b0, in Fp2 b1)
    {
        var t0 = C0 * a0;
        var t1 = C1.MulBy01(b0, b1);
        var c1 = (C0 + C1).MulBy01(a0 + b0, b1) - t0 - t1;
        return new(t0 + t1.MulByV(), c1);
    }

    /// <summary>
    /// Multiplies by a normalized line 1 + L w with L = b0 + b1 v: (C0 + C1 w)(1 + L w) = (C0 + v C1 L) + (C1 + C0 L) w,
    /// two sparse Fp6 products (10 Fp2 products).
    /// </summary>
    public Fp12 MulByNormalizedLine(in Fp2 b0, in Fp2 b1)
    {
        var c1l = C1.MulBy01(b0, b1);
        var c0l = C0.MulBy01(b0, b1);
        return new(C0 + c1l.MulByV(), C1 + c0l);
    }

    /// <summary>f^(p^6): for elements of the cyclotomic subgroup this is also the inverse.</summary>
    public Fp12 Conjugate() => new(C0, -C1);

    /// <summary>The inverse, in constant time.</summary>
    public Fp12 Inverse() => Inverse(vartime: false);

    /// <summary>The inverse; <paramref name="vartime"/> as in <see cref="Fp2.Inverse(bool)"/>.</summary>
    public Fp12 Inverse(bool vartime)
    {
        var t = (C0.Square() - C1.Square().MulByV()).Inverse(vartime);
        return new(C0 * t, -(C1 * t));
    }

    /// <summary>f^(p^n) for n = 1, 2, 3: each Fp2 coefficient of w^k is Frobenius-mapped and scaled by xi^(k(p^n-1)/6).</summary>
    public Fp12 Frobenius(int n)
    {
        var g = FrobeniusCoefficients[n - 1];
        Fp2 F(in Fp2 c, int k) => (n % 2 == 1 ? c.Conjugate() : c) * g[k];
        return new(new Fp6(F(C0.C0, 0), F(C0.C1, 2), F(C0.C2, 4)), new Fp6(F(C1.C0, 1), F(C1.C1, 3), F(C1.C2, 5)));
    }

    static readonly Fp2[][] FrobeniusCoefficients = MakeFrobeniusCoefficients();

    static Fp2[][] MakeFrobeniusCoefficients()
    {
        var p = Fp.Modulus;
        var result = new Fp2[3][];
        for (int n = 1; n <= 3; n++)
        {
            var e = (BigInteger.Pow(p, n) - 1) / 6;
            result[n - 1] = new Fp2[6];
            for (int k = 0; k < 6; k++) result[n - 1][k] = Fp2.Xi.Pow(e * k);
        }
        return result;
    }

    /// <summary>
    /// Squaring in the cyclotomic subgroup (Granger-Scott 2010): viewing Fp12 as Fp4[s]/(s^3 - t) with Fp4 = Fp2[t]/(t^2 - xi),
    /// t = w^3, s = w, an element A0 + A1 s + A2 s^2 squares to (3A0^2 - 2 conj A0) + (3t A2^2 + 2 conj A1) s + (3A1^2 - 2 conj A2) s^2:
    /// nine Fp2 squarings instead of a full Fp12 squaring. Valid only after the easy part of the final exponentiation.
    /// </summary>
    public Fp12 CyclotomicSquare()
    {
        var (a0x, a0y) = Fp4Square(C0.C0, C1.C1);
        var (a1x, a1y) = Fp4Square(C1.C0, C0.C2);
        var (a2x, a2y) = Fp4Square(C0.C1, C1.C2);
        // B0 = 3 A0^2 - 2 conj(A0)
        var b0x = Triple(a0x) - C0.C0.Double();
        var b0y = Triple(a0y) + C1.C1.Double();
        // B1 = 3 t A2^2 + 2 conj(A1), with t (x + y t) = xi y + x t
        var b1x = Triple(a2y.MulByXi()) + C1.C0.Double();
        var b1y = Triple(a2x) - C0.C2.Double();
        // B2 = 3 A1^2 - 2 conj(A2)
        var b2x = Triple(a1x) - C0.C1.Double();
        var b2y = Triple(a1y) + C1.C2.Double();
        return new(new Fp6(b0x, b2x, b1y), new Fp6(b1x, b0y, b2y));
    }

    /// <summary>(x + y t)^2 = (x^2 + xi y^2) + 2xy t in Fp4 = Fp2[t]/(t^2 - xi).</summary>
    static (Fp2, Fp2) Fp4Square(in Fp2 x, in Fp2 y)
    {
        var x2 = x.Square();
        var y2 = y.Square();
        return (x2 + y2.MulByXi(), (x + y).Square() - x2 - y2);
    }

    static Fp2 Triple(in Fp2 a) => a.Double() + a;

    /// <summary>
    /// this^e for an element of the cyclotomic subgroup, e in width-w non-adjacent form (odd digits below 2^(w-1) in
    /// absolute value, least significant first; plain NAF is w = 2). The odd powers the digits name are computed first;
    /// a negative digit uses the conjugate, which is the inverse here. Squarings start at the top digit, not at one.
    /// </summary>
    public Fp12 CyclotomicPow(ReadOnlySpan<sbyte> naf)
    {
        int largest = 1;
        foreach (var d in naf) largest = Math.Max(largest, Math.Abs((int)d));
        var odd = new Fp12[(largest + 1) / 2]; // odd[k] = this^(2k + 1)
        odd[0] = this;
        if (odd.Length > 1)
        {
            var square = CyclotomicSquare();
            for (int k = 1; k < odd.Length; k++) odd[k] = odd[k - 1] * square;
        }
        var result = One;
        bool started = false;
        for (int i = naf.Length - 1; i >= 0; i--)
        {
            if (started) result = result.CyclotomicSquare();
            int digit = naf[i];
            if (digit == 0) continue;
            var power = digit > 0 ? odd[(digit - 1) / 2] : odd[(-digit - 1) / 2].Conjugate();
            result = started ? result * power : power;
            started = true;
        }
        return result;
    }

    public static bool operator ==(in Fp12 a, in Fp12 b) => a.Equals(b);
    public static bool operator !=(in Fp12 a, in Fp12 b) => !a.Equals(b);
    public bool Equals(Fp12 o) => C0 == o.C0 && C1 == o.C1;
    public override bool Equals(object? obj) => obj is Fp12 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
}
