using System.Numerics;
using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>Fp2 = Fp[u]/(u^2 + 1): the field G2's coordinates live in.</summary>
public readonly struct Fp2 : IField<Fp2>
{
    public readonly Fp C0, C1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2(in Fp c0, in Fp c1) { C0 = c0; C1 = c1; }

    public static Fp2 Zero => default;
    public static Fp2 One => new(Fp.One, Fp.Zero);
    /// <summary>The non-residue xi = 9 + u that builds Fp6 and defines the twist.</summary>
    public static Fp2 Xi => new(Fp.FromUInt64(9), Fp.One);
    public bool IsZero => C0.IsZero && C1.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator +(in Fp2 a, in Fp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator -(in Fp2 a, in Fp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator -(in Fp2 a) => new(-a.C0, -a.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator *(in Fp2 a, in Fp2 b)
    {
        // Karatsuba: three base-field products; the sums feed a product only, so they skip their reduction.
        var v0 = a.C0 * b.C0;
        var v1 = a.C1 * b.C1;
        return new(v0 - v1, Fp.AddLazy(a.C0, a.C1) * Fp.AddLazy(b.C0, b.C1) - v0 - v1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2 operator *(in Fp2 a, in Fp b) => new(a.C0 * b, a.C1 * b);

    public static bool operator ==(in Fp2 a, in Fp2 b) => a.Equals(b);
    public static bool operator !=(in Fp2 a, in Fp2 b) => !a.Equals(b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 Square()
    {
        var ab = C0 * C1;
        return new(Fp.AddLazy(C0, C1) * (C0 - C1), ab + ab);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 Double() => new(C0.Double(), C1.Double());

    /// <summary>Multiplies by xi = 9 + u: (a + bu)(9 + u) = (9a - b) + (a + 9b)u.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp2 MulByXi()
    {
        var a8 = C0.Double().Double().Double();
        var b8 = C1.Double().Double().Double();
        return new(a8 + C0 - C1, b8 + C1 + C0);
    }

    /// <summary>The conjugate a - bu, which is also the p-power Frobenius.</summary>
    public Fp2 Conjugate() => new(C0, -C1);

    /// <summary>(a - bu) / (a^2 + b^2), in constant time.</summary>
    public Fp2 Inverse() => Inverse(vartime: false);

    /// <summary>
    /// (a - bu) / (a^2 + b^2); with <paramref name="vartime"/>, through the faster base-field inversion whose time
    /// depends on the value (public values only, see PrimeField.InverseVartime).
    /// </summary>
    public Fp2 Inverse(bool vartime)
    {
        var norm = C0.Square() + C1.Square();
        var t = vartime ? norm.InverseVartime() : norm.Inverse();
        return new(C0 * t, -(C1 * t));
    }

    public Fp2 Pow(BigInteger e)
    {
        var result = One;
        var x = this;
        while (!e.IsZero)
        {
            if (!e.IsEven) result *= x;
            x = x.Square();
            e >>= 1;
        }
        return result;
    }

    /// <summary>A square root if one exists (p = 3 mod 4 algorithm for Fp2, Adj & Rodriguez-Henriquez alg. 9).</summary>
    public bool TrySqrt(out Fp2 root)
    {
        var p = Fp.Modulus;
        var a1 = Pow((p - 3) / 4);
        var alpha = a1 * a1 * this;
        var x0 = a1 * this;
        if (alpha == -One)
        {
            root = new Fp2(-x0.C1, x0.C0); // u * x0
        }
        else
        {
            var b = (One + alpha).Pow((p - 1) / 2);
            root = b * x0;
        }
        return root.Square() == this;
    }

    public bool Equals(Fp2 o) => C0 == o.C0 && C1 == o.C1;
    public override bool Equals(object? obj) => obj is Fp2 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
    public override string ToString() => $"({C0}, {C1})";
}
