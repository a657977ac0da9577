using System.Runtime.CompilerServices;
using Base = ZkPot.Crypto.FieldLanes<ZkPot.Crypto.PModulus>;

namespace ZkPot.Crypto;

/// <summary>
/// Eight elements of Fp2 = Fp[u]/(u^2 + 1) on AVX-512 lanes, for the G2 MSM. Products are schoolbook (four base
/// products, not Karatsuba's three): Karatsuba's sums double the operands, and in the chord rule the loose values would
/// then outgrow the 2^261 the base lanes hold. With four, every coordinate stays below 160m through the whole chord
/// rule (bounds in <see cref="MsmLaneBatch{T, F}"/>).
/// </summary>
[SkipLocalsInit] // every local is written before it is read; zeroing 576-byte lane structs is pure cost
internal unsafe struct Fp2Lanes : ILanes<Fp2Lanes>
{
    public Base C0, C1;

    public static int Words => 8;

    public static Fp2Lanes One { get; } = new() { C0 = Base.One, C1 = Base.Zero };

    public static Fp2Lanes Load(ulong* e0, ulong* e1, ulong* e2, ulong* e3, ulong* e4, ulong* e5, ulong* e6, ulong* e7)
    {
        Fp2Lanes r;
        r.C0 = Base.Load(e0, e1, e2, e3, e4, e5, e6, e7);
        r.C1 = Base.Load(e0 + 4, e1 + 4, e2 + 4, e3 + 4, e4 + 4, e5 + 4, e6 + 4, e7 + 4);
        return r;
    }

    public readonly void Store(ulong* e0, ulong* e1, ulong* e2, ulong* e3, ulong* e4, ulong* e5, ulong* e6, ulong* e7)
    {
        C0.Store(e0, e1, e2, e3, e4, e5, e6, e7);
        C1.Store(e0 + 4, e1 + 4, e2 + 4, e3 + 4, e4 + 4, e5 + 4, e6 + 4, e7 + 4);
    }

    // Results are built in a local of the return type, not an object initializer: the initializer's temporary cost a
    // 1152-byte copy per operation in the native build.

    /// <summary>(a0 b0 - a1 b1 + 32m) + (a0 b1 + a1 b0) u.</summary>
    public static Fp2Lanes Mul(in Fp2Lanes a, in Fp2Lanes b)
    {
        Fp2Lanes r;
        r.C0 = Base.Sub(Base.Mul(a.C0, b.C0), Base.Mul(a.C1, b.C1), Base.Offset32);
        r.C1 = Base.Add(Base.Mul(a.C0, b.C1), Base.Mul(a.C1, b.C0));
        return r;
    }

    /// <summary>(a0^2 - a1^2 + 32m) + 2 a0 a1 u: three base products.</summary>
    public static Fp2Lanes Square(in Fp2Lanes a)
    {
        var cross = Base.Mul(a.C0, a.C1);
        Fp2Lanes r;
        r.C0 = Base.Sub(Base.Mul(a.C0, a.C0), Base.Mul(a.C1, a.C1), Base.Offset32);
        r.C1 = Base.Add(cross, cross);
        return r;
    }

    /// <summary>
    /// Karatsuba for a below 70m and b below 35m: (a0 b0 - a1 b1 + 32m) + ((a0 + a1)(b0 + b1) - a0 b0 - a1 b1 + 64m) u.
    /// The sums are below 140m and 70m, their product below 59m, each base product below 16m; the result is below 124m.
    /// </summary>
    public static Fp2Lanes MulBounded(in Fp2Lanes a, in Fp2Lanes b)
    {
        var v0 = Base.Mul(a.C0, b.C0);
        var v1 = Base.Mul(a.C1, b.C1);
        var cross = Base.Mul(Base.Add(a.C0, a.C1), Base.Add(b.C0, b.C1));
        Fp2Lanes r;
        r.C0 = Base.Sub(v0, v1, Base.Offset32);
        r.C1 = Base.Sub(Base.Sub(cross, v0, Base.Offset32), v1, Base.Offset32);
        return r;
    }

    /// <summary>(a0 + a1)(a0 - a1 + 32m) + 2 a0 a1 u, two base products, after reducing the operand below 3m (any loose operand).</summary>
    public static Fp2Lanes SquareBounded(in Fp2Lanes x)
    {
        var a = Reduce(x);
        var cross = Base.Mul(a.C0, a.C1);
        Fp2Lanes r;
        r.C0 = Base.Mul(Base.Add(a.C0, a.C1), Base.Sub(a.C0, a.C1, Base.Offset32));
        r.C1 = Base.Add(cross, cross);
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2Lanes Add(in Fp2Lanes a, in Fp2Lanes b)
    {
        Fp2Lanes r;
        r.C0 = Base.Add(a.C0, b.C0);
        r.C1 = Base.Add(a.C1, b.C1);
        return r;
    }

    /// <summary>Inlined, so that the shift is a constant at each call and the base subtraction's offset limbs fold.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Fp2Lanes Sub(in Fp2Lanes a, in Fp2Lanes b, int shift)
    {
        if (shift is < 5 or > 7)
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "offsets are 32m, 64m or 128m (shift 5, 6, 7)");
        Fp2Lanes r;
        r.C0 = Base.Sub(a.C0, b.C0, shift);
        r.C1 = Base.Sub(a.C1, b.C1, shift);
        return r;
    }

    public static Fp2Lanes Reduce(in Fp2Lanes x)
    {
        Fp2Lanes r;
        r.C0 = Base.Reduce(x.C0);
        r.C1 = Base.Reduce(x.C1);
        return r;
    }

    public static Fp2Lanes ReduceProduct(in Fp2Lanes x) => Reduce(x);

    public static int Offset32 => Base.Offset32;
    public static int Offset64 => Base.Offset64;
    public static int Offset128 => Base.Offset128;
}
