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

    /// <summary>f^(p^6): for elements of the cyclotomic subgroup this is also the inverse.</summary>
    public Fp12 Conjugate() => new(C0, -C1);

    public Fp12 Inverse()
    {
        var t = (C0.Square() - C1.Square().MulByV()).Inverse();
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

    /// <summary>this^e for an element of the cyclotomic subgroup, with e given in non-adjacent form (digits -1, 0, 1, least significant first).</summary>
    public Fp12 CyclotomicPow(ReadOnlySpan<sbyte> naf)
    {
        var inv = Conjugate();
        var result = One;
        for (int i = naf.Length - 1; i >= 0; i--)
        {
            result = result.Square();
            if (naf[i] == 1) result *= this;
            else if (naf[i] == -1) result *= inv;
        }
        return result;
    }

    public static bool operator ==(in Fp12 a, in Fp12 b) => a.Equals(b);
    public static bool operator !=(in Fp12 a, in Fp12 b) => !a.Equals(b);
    public bool Equals(Fp12 o) => C0 == o.C0 && C1 == o.C1;
    public override bool Equals(object? obj) => obj is Fp12 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
}
