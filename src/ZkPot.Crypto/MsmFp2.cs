using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>
/// Fp2 = Fp[u]/(u^2 + 1) over <see cref="MsmField{M}"/>: the layout and values of <see cref="Fp2"/>, so the G2 MSM
/// can reinterpret its points and run the faster multiplication.
/// </summary>
internal readonly struct MsmFp2 : IField<MsmFp2>
{
    internal readonly MsmField<PModulus> C0, C1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal MsmFp2(in MsmField<PModulus> c0, in MsmField<PModulus> c1) { C0 = c0; C1 = c1; }

    public static MsmFp2 Zero => default;
    public static MsmFp2 One => new(MsmField<PModulus>.One, MsmField<PModulus>.Zero);
    public bool IsZero => C0.IsZero && C1.IsZero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmFp2 operator +(in MsmFp2 a, in MsmFp2 b) => new(a.C0 + b.C0, a.C1 + b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmFp2 operator -(in MsmFp2 a, in MsmFp2 b) => new(a.C0 - b.C0, a.C1 - b.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmFp2 operator -(in MsmFp2 a) => new(-a.C0, -a.C1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmFp2 operator *(in MsmFp2 a, in MsmFp2 b)
    {
        // Karatsuba: three base-field products.
        var v0 = a.C0 * b.C0;
        var v1 = a.C1 * b.C1;
        return new(v0 - v1, (a.C0 + a.C1) * (b.C0 + b.C1) - v0 - v1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MsmFp2 Square()
    {
        var ab = C0 * C1;
        return new((C0 + C1) * (C0 - C1), ab + ab);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MsmFp2 Double() => new(C0.Double(), C1.Double());

    /// <summary>(a - bu) / (a^2 + b^2); zero maps to zero.</summary>
    public MsmFp2 Inverse()
    {
        var t = (C0.Square() + C1.Square()).Inverse();
        return new(C0 * t, -(C1 * t));
    }

    public bool Equals(MsmFp2 o) => C0.Equals(o.C0) && C1.Equals(o.C1);
    public override bool Equals(object? obj) => obj is MsmFp2 o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(C0, C1);
}
