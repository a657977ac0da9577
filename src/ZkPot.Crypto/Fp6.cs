using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>Fp6 = Fp2[v]/(v^3 - xi).</summary>
public readonly struct Fp6 : IEquatable<Fp6>
{
    public readonly Fp2 C0, C1, C2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Fp6(in Fp2 c0, in Fp2 c1, in Fp2 c2) { C0 = c0; C1 = c1; C2 = c2; }

    public static Fp6 Zero => default;
    public static Fp6 One => new(Fp2.One, Fp2.Zero, Fp2.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero && C2.IsZero;

    public static Fp6 operator +(in Fp6 a, in Fp6 b) => new(a.C0 + b.C0, a.C1 + b.C1, a.C2 + b.C2);
    public static Fp6 operator -(in Fp6 a, in Fp6 b) => new(a.C0 - b.C0, a.C1 - b.C1, a.C2 - b.C2);
    public static Fp6 operator -(in Fp6 a) => new(-a.C0, -a.C1, -a.C2);

    public static Fp6 operator *(in Fp6 a, in Fp6 b)
    {
        var v0 = a.C0 * b.C0;
        var v1 = a.C1 * b.C1;
        var v2 = a.C2 * b.C2;
        var c0 = ((a.C1 + a.C2) * (b.C1 + b.C2) - v1 - v2).MulByXi() + v0;
        var c1 = (a.C0 + a.C1) * (b.C0 + b.C1) - v0 - v1 + v2.MulByXi();
        var c2 = (a.C0 + a.C2) * (b.C0 + b.C2) - v0 - v2 + v1;
        return new(c0, c1, c2);
    }

    public static Fp6 operator *(in Fp6 a, in Fp2 s) => new(a.C0 * s, a.C1 * s, a.C2 * s);

    /// <summary>Multiplies by b0 + b1*v (a line's sparse factor): five Fp2 products.</summary>
    public Fp6 MulBy01(in Fp2 b0, in Fp2 b1)
    {
        var v0 = C0 * b0;
        var v1 = C1 * b1;
        var c0 = ((C1 + C2) * b1 - v1).MulByXi() + v0;
        var c1 = (C0 + C1) * (b0 + b1) - v0 - v1;
        var c2 = C2 * b0 + v1;
        return new(c0, c1, c2);
    }

    public Fp6 Square()
    {
        var s0 = C0.Square();
        var ab = C0 * C1;
        var s1 = ab + ab;
        var s2 = (C0 - C1 + C2).Square();
        var bc = C1 * C2;
        var s3 = bc + bc;
        var s4 = C2.Square();
        return new(s3.MulByXi() + s0, s4.MulByXi() + s1, s1 + s2 + s3 - s0 - s4);
    }

    /// <summary>Multiplies by v: (c0, c1, c2) v = (xi c2, c0, c1).</summary>
    public Fp6 MulByV() => new(C2.MulByXi(), C0, C1);

    /// <summary>The inverse, in constant time.</summary>
    public Fp6 Inverse() => Inverse(vartime: false);

    /// <summary>The inverse; <paramref name="vartime"/> as in <see cref="Fp2.Inverse(bool)"/>.</summary>
    public Fp6 Inverse(bool vartime)
    {
        var t0 = C0.Square() - (C1 * C2).MulByXi();
        var t1 = C2.Square().MulByXi() - C0 * C1;
        var t2 = C1.Square() - C0 * C2;
        var inv = (C0 * t0 + (C2 * t1).MulByXi() + (C1 * t2).MulByXi()).Inverse(vartime);
        return new(t0 * inv, t1 * inv, t2 * inv);
    }

    public static bool operator ==(in Fp6 a, in Fp6 b) => a.Equals(b);
    public static bool operator !=(in Fp6 a, in Fp6 b) => !a.Equals(b);
    public bool Equals(Fp6 o) => C0 == o.C0 && C1 == o.C1 && C2 == o.C2;
    public override bool Equals(object? obj) => obj is Fp6 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1, C2);
}
