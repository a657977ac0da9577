using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using static System.Runtime.CompilerServices.MethodImplOptions;

namespace ZkPot.Crypto;

/// <summary>
/// Eight elements of a 254-bit prime field side by side, for AVX-512: limb j of the eight elements sits in the eight
/// 64-bit lanes of L[j], nine limbs of 29 bits (radix 2^29, 261 bits). The scalar product spends about 400
/// instructions on its carries (the JIT has no add-with-carry); here a 29x29-bit product (VPMULUDQ) leaves 6 spare bits
/// in its lane, so a whole Montgomery product accumulates without one carry and eight products cost about as many
/// instructions as one scalar product.
/// <para>
/// Values are kept loose: an element is any integer below 2^261 congruent to x * 2^261 (Montgomery form with
/// R' = 2^261), its limbs normalised (below 2^29, the top one holding the rest). The scalar fields use R = 2^256, so a
/// scalar Montgomery value xR becomes xR' by reading its bits 5 places higher (<see cref="Load"/>), with no
/// arithmetic; <see cref="Store"/> divides by 2^5 with one 5-bit Montgomery step and reduces to [0, m).
/// </para>
/// <para>
/// Bounds, for callers (2^261 is about 169m): <see cref="Mul"/> returns below ab / 2^261 + m, so below 26m for
/// operands below 64m, or for operands below 160m and 26m; <see cref="Load"/> returns below 32m; <see cref="Sub"/> with
/// offset K*m returns below a + K*m for b below K*m; <see cref="Reduce"/> returns below 3m. Every operand of a product
/// or a sum must stay below 2^261; Reduce and Store take anything below 2^264.
/// </para>
/// </summary>
[SkipLocalsInit] // every local is written before it is read; zeroing 576-byte lane structs is pure cost
internal unsafe struct FieldLanes<M> : ILanes<FieldLanes<M>> where M : struct, IModulus
{
    public Vector512<ulong> L0, L1, L2, L3, L4, L5, L6, L7, L8;

    const int Bits = 29;

    public static int Words => 4;

    /// <summary>One (R' mod m) in every lane, as <see cref="Load"/> reads the scalar one; and zero.</summary>
    public static FieldLanes<M> One { get; } = Plain((BigInteger.One << (9 * Bits)) % PrimeField<M>.Modulus);
    public static FieldLanes<M> Zero => default;

    public static FieldLanes<M> Square(in FieldLanes<M> a) => Mul(a, a);

    // Every constant of the hot code is an expression of M's constant words, which the JIT and NativeAOT fold into
    // vector constants. Static readonly vectors would do under the JIT, but NativeAOT guards each read with a check
    // that the class is initialised, and spills the nine accumulators of Mul around that check every round (measured:
    // the native MSM ran 30 % slower than the JIT one).
    const ulong LimbMask = (1UL << Bits) - 1;
    static Vector512<ulong> Mask { [MethodImpl(AggressiveInlining)] get => Vector512.Create(LimbMask); }

    /// <summary>Limb j of m in radix 2^29 (bits 29j to 29j + 28 of the four words).</summary>
    [MethodImpl(AggressiveInlining)]
    static ulong ModulusLimb(int j) => j switch
    {
        0 => M.M0 & LimbMask,
        1 => (M.M0 >> 29) & LimbMask,
        2 => ((M.M0 >> 58) | (M.M1 << 6)) & LimbMask,
        3 => (M.M1 >> 23) & LimbMask,
        4 => ((M.M1 >> 52) | (M.M2 << 12)) & LimbMask,
        5 => (M.M2 >> 17) & LimbMask,
        6 => ((M.M2 >> 46) | (M.M3 << 18)) & LimbMask,
        7 => (M.M3 >> 11) & LimbMask,
        _ => M.M3 >> 40,
    };

    /// <summary>Limb j of m in radix 2^29, in every lane.</summary>
    [MethodImpl(AggressiveInlining)]
    static Vector512<ulong> P(int j) => Vector512.Create(ModulusLimb(j));

    /// <summary>-m^-1 mod 2^29.</summary>
    static Vector512<ulong> MInv { [MethodImpl(AggressiveInlining)] get => Vector512.Create(M.Inv & LimbMask); }

    /// <summary>-m^-1 mod 2^5, for the step that takes R' = 2^261 back to R = 2^256.</summary>
    static Vector512<ulong> MInv5 { [MethodImpl(AggressiveInlining)] get => Vector512.Create(M.Inv & 31); }

    /// <summary>
    /// At most floor(2^285 / m) and at least two below it: the top limb times this, over 2^53, estimates x / m from
    /// below (see <see cref="Reduce"/>). From the top word alone: 2^285 / m lies between 2^93 / (M3 + 1) and 2^93 / M3,
    /// which differ by less than one; one more is taken off for the rounding of the double division.
    /// </summary>
    static Vector512<ulong> Mu
    {
        [MethodImpl(AggressiveInlining)]
        get => Vector512.Create((ulong)((double)(1UL << 62) * (1UL << 31) / ((double)M.M3 + 1.0)) - 1);
    }

    /// <summary>
    /// Limb j of K*m = m * 2^shift (K = 32, 64, 128), written so that every limb but the top one is at least
    /// 2^29 - 1: a + offset - b is then non-negative limb by limb for any normalised b, and normalising it needs only
    /// logical shifts. The limbs still sum to K*m: limb 0 gains 2^29, limbs 1 to 7 gain 2^29 - 1, the top one loses 1.
    /// </summary>
    [MethodImpl(AggressiveInlining)]
    static Vector512<ulong> OffsetLimb(int shift, int j)
    {
        ulong shifted = ((ModulusLimb(j) << shift) & (j == 8 ? ulong.MaxValue : LimbMask)) |
                        (j == 0 ? 0 : ModulusLimb(j - 1) >> (Bits - shift));
        ulong adjust = j == 0 ? 1UL << Bits : j == 8 ? ulong.MaxValue : LimbMask; // +2^29, +2^29 - 1, or -1
        return Vector512.Create(shifted + adjust);
    }

    public static FieldLanes<M> MulBounded(in FieldLanes<M> a, in FieldLanes<M> b) => Mul(a, b);

    public static FieldLanes<M> SquareBounded(in FieldLanes<M> a) => Mul(a, a);

    /// <summary>Operands below 13m give a product below 2m (see the bounds above): nothing to do.</summary>
    [MethodImpl(AggressiveInlining)]
    public static FieldLanes<M> ReduceProduct(in FieldLanes<M> x) => x;

    /// <summary>The offsets of <see cref="Sub"/>: K*m for K = 32, 64, 128 (shift 5, 6, 7), as OffsetLimb writes them.</summary>
    public static int Offset32 => 5;
    public static int Offset64 => 6;
    public static int Offset128 => 7;

    static FieldLanes<M> Plain(BigInteger v)
    {
        var r = new FieldLanes<M>();
        for (int j = 0; j < 9; j++) r[j] = Vector512.Create((ulong)((v >> (Bits * j)) & LimbMask));
        return r;
    }

    Vector512<ulong> this[int j]
    {
        readonly get => Unsafe.Add(ref Unsafe.AsRef(in L0), j);
        set => Unsafe.Add(ref L0, j) = value;
    }

    [MethodImpl(AggressiveInlining)]
    static Vector512<ulong> Mul32(Vector512<ulong> a, Vector512<ulong> b) =>
        Avx512F.IsSupported ? Avx512F.Multiply(a.AsUInt32(), b.AsUInt32()) : (a & Low32) * (b & Low32);

    /// <summary>Without AVX-512 (tests on other CPUs) the same product in Vector512's portable arithmetic.</summary>
    static Vector512<ulong> Low32 { [MethodImpl(AggressiveInlining)] get => Vector512.Create(0xFFFF_FFFFUL); }

    // The public operations are marked AggressiveOptimization: in a JIT build their first calls would otherwise run
    // unoptimised code (several times slower) for the first part of a proof, until tiering replaces it.

    /// <summary>Whether the lanes run as AVX-512 instructions, not emulated (correct, and far slower than scalar code).</summary>
    public static bool IsFast => Avx512F.IsSupported && Vector512.IsHardwareAccelerated;

    /// <summary>
    /// a * b / 2^261 mod m, by nine rounds of word-by-word Montgomery reduction. Every lane of t receives at most two
    /// products below 2^58 a round for nine rounds (below 2^62.2), so nothing carries until the final normalisation.
    /// </summary>
    [MethodImpl(AggressiveOptimization)]
    public static FieldLanes<M> Mul(in FieldLanes<M> a, in FieldLanes<M> b)
    {
        var a0 = a.L0; var a1 = a.L1; var a2 = a.L2; var a3 = a.L3; var a4 = a.L4; var a5 = a.L5; var a6 = a.L6;
        var a7 = a.L7; var a8 = a.L8;
        Vector512<ulong> t0 = default, t1 = default, t2 = default, t3 = default, t4 = default, t5 = default,
            t6 = default, t7 = default, t8 = default;
        ref readonly var bl = ref b.L0;
        for (int i = 0; i < 9; i++)
        {
            var bi = Unsafe.Add(ref Unsafe.AsRef(in bl), i);
            t0 += Mul32(a0, bi); t1 += Mul32(a1, bi); t2 += Mul32(a2, bi); t3 += Mul32(a3, bi); t4 += Mul32(a4, bi);
            t5 += Mul32(a5, bi); t6 += Mul32(a6, bi); t7 += Mul32(a7, bi); t8 += Mul32(a8, bi);
            // t0 mod 2^29 only needs the low 32 bits of t0, which is what VPMULUDQ reads.
            var m = Mul32(t0, MInv) & Mask;
            t0 += Mul32(m, P(0)); t1 += Mul32(m, P(1)); t2 += Mul32(m, P(2)); t3 += Mul32(m, P(3)); t4 += Mul32(m, P(4));
            t5 += Mul32(m, P(5)); t6 += Mul32(m, P(6)); t7 += Mul32(m, P(7)); t8 += Mul32(m, P(8));
            // t0 is now a multiple of 2^29: shift the whole number down one limb.
            t0 = t1 + Vector512.ShiftRightLogical(t0, Bits);
            t1 = t2; t2 = t3; t3 = t4; t4 = t5; t5 = t6; t6 = t7; t7 = t8; t8 = default;
        }
        return Normalise(t0, t1, t2, t3, t4, t5, t6, t7, t8);
    }

    /// <summary>a + b (no reduction: the caller keeps the sum below 2^261).</summary>
    [MethodImpl(AggressiveInlining)]
    public static FieldLanes<M> Add(in FieldLanes<M> a, in FieldLanes<M> b) =>
        Normalise(a.L0 + b.L0, a.L1 + b.L1, a.L2 + b.L2, a.L3 + b.L3, a.L4 + b.L4, a.L5 + b.L5, a.L6 + b.L6, a.L7 + b.L7,
            a.L8 + b.L8);

    /// <summary>a - b + K*m for one of the offsets above, K = 2^shift (b must be below K*m).</summary>
    [MethodImpl(AggressiveInlining)]
    public static FieldLanes<M> Sub(in FieldLanes<M> a, in FieldLanes<M> b, int shift) =>
        Normalise(a.L0 + OffsetLimb(shift, 0) - b.L0, a.L1 + OffsetLimb(shift, 1) - b.L1, a.L2 + OffsetLimb(shift, 2) - b.L2,
            a.L3 + OffsetLimb(shift, 3) - b.L3, a.L4 + OffsetLimb(shift, 4) - b.L4, a.L5 + OffsetLimb(shift, 5) - b.L5,
            a.L6 + OffsetLimb(shift, 6) - b.L6, a.L7 + OffsetLimb(shift, 7) - b.L7, a.L8 + OffsetLimb(shift, 8) - b.L8);


    /// <summary>
    /// x minus a multiple of m, below 3m, for any loose x: q = floor(top limb * mu / 2^53) is at most x / m and
    /// misses it by less than 2, and x - qm is formed limb by limb with signed carries (q m_j is below 2^37).
    /// </summary>
    [MethodImpl(AggressiveOptimization)]
    public static FieldLanes<M> Reduce(in FieldLanes<M> x)
    {
        var q = Vector512.ShiftRightLogical(Mul32(x.L8, Mu), 53);
        var d0 = x.L0.AsInt64() - Mul32(q, P(0)).AsInt64();
        var d1 = x.L1.AsInt64() - Mul32(q, P(1)).AsInt64() + Vector512.ShiftRightArithmetic(d0, Bits);
        var d2 = x.L2.AsInt64() - Mul32(q, P(2)).AsInt64() + Vector512.ShiftRightArithmetic(d1, Bits);
        var d3 = x.L3.AsInt64() - Mul32(q, P(3)).AsInt64() + Vector512.ShiftRightArithmetic(d2, Bits);
        var d4 = x.L4.AsInt64() - Mul32(q, P(4)).AsInt64() + Vector512.ShiftRightArithmetic(d3, Bits);
        var d5 = x.L5.AsInt64() - Mul32(q, P(5)).AsInt64() + Vector512.ShiftRightArithmetic(d4, Bits);
        var d6 = x.L6.AsInt64() - Mul32(q, P(6)).AsInt64() + Vector512.ShiftRightArithmetic(d5, Bits);
        var d7 = x.L7.AsInt64() - Mul32(q, P(7)).AsInt64() + Vector512.ShiftRightArithmetic(d6, Bits);
        var d8 = x.L8.AsInt64() - Mul32(q, P(8)).AsInt64() + Vector512.ShiftRightArithmetic(d7, Bits);
        FieldLanes<M> r;
        r.L0 = d0.AsUInt64() & Mask; r.L1 = d1.AsUInt64() & Mask; r.L2 = d2.AsUInt64() & Mask;
        r.L3 = d3.AsUInt64() & Mask; r.L4 = d4.AsUInt64() & Mask; r.L5 = d5.AsUInt64() & Mask;
        r.L6 = d6.AsUInt64() & Mask; r.L7 = d7.AsUInt64() & Mask; r.L8 = d8.AsUInt64();
        return r;
    }

    /// <summary>Carries every limb above 29 bits into the next; the top limb keeps what is left.</summary>
    [MethodImpl(AggressiveInlining)]
    static FieldLanes<M> Normalise(Vector512<ulong> t0, Vector512<ulong> t1, Vector512<ulong> t2, Vector512<ulong> t3,
        Vector512<ulong> t4, Vector512<ulong> t5, Vector512<ulong> t6, Vector512<ulong> t7, Vector512<ulong> t8)
    {
        FieldLanes<M> r;
        t1 += Vector512.ShiftRightLogical(t0, Bits); r.L0 = t0 & Mask;
        t2 += Vector512.ShiftRightLogical(t1, Bits); r.L1 = t1 & Mask;
        t3 += Vector512.ShiftRightLogical(t2, Bits); r.L2 = t2 & Mask;
        t4 += Vector512.ShiftRightLogical(t3, Bits); r.L3 = t3 & Mask;
        t5 += Vector512.ShiftRightLogical(t4, Bits); r.L4 = t4 & Mask;
        t6 += Vector512.ShiftRightLogical(t5, Bits); r.L5 = t5 & Mask;
        t7 += Vector512.ShiftRightLogical(t6, Bits); r.L6 = t6 & Mask;
        t8 += Vector512.ShiftRightLogical(t7, Bits); r.L7 = t7 & Mask;
        r.L8 = t8;
        return r;
    }

    /// <summary>
    /// Eight scalar Montgomery values (four little-endian words each, below m) as lanes: x*2^256 read 5 bits higher is
    /// x*2^261, so the limbs are bit fields of the words and the result is below 32m.
    /// </summary>
    [MethodImpl(AggressiveOptimization)]
    public static FieldLanes<M> Load(ulong* e0, ulong* e1, ulong* e2, ulong* e3, ulong* e4, ulong* e5, ulong* e6, ulong* e7)
    {
        Transpose(Pair(e0, e1), Pair(e2, e3), Pair(e4, e5), Pair(e6, e7), out var w0, out var w1, out var w2, out var w3);
        // Limb j holds bits [29j - 5, 29j + 24) of the value.
        FieldLanes<M> r;
        r.L0 = Vector512.ShiftLeft(w0, 5) & Mask;
        r.L1 = Vector512.ShiftRightLogical(w0, 24) & Mask;
        r.L2 = (Vector512.ShiftRightLogical(w0, 53) | Vector512.ShiftLeft(w1, 11)) & Mask;
        r.L3 = Vector512.ShiftRightLogical(w1, 18) & Mask;
        r.L4 = (Vector512.ShiftRightLogical(w1, 47) | Vector512.ShiftLeft(w2, 17)) & Mask;
        r.L5 = Vector512.ShiftRightLogical(w2, 12) & Mask;
        r.L6 = (Vector512.ShiftRightLogical(w2, 41) | Vector512.ShiftLeft(w3, 23)) & Mask;
        r.L7 = Vector512.ShiftRightLogical(w3, 6) & Mask;
        r.L8 = Vector512.ShiftRightLogical(w3, 35);
        return r;
    }

    /// <summary>
    /// Writes the eight values back as scalar Montgomery values (x*2^256, fully reduced below m). Takes any loose value:
    /// <see cref="Reduce"/> brings it below 3m, one 5-bit Montgomery step divides by 2^5 (result below 34m / 32), and
    /// subtracting m where it fits brings it below m.
    /// </summary>
    [MethodImpl(AggressiveOptimization)]
    public readonly void Store(ulong* e0, ulong* e1, ulong* e2, ulong* e3, ulong* e4, ulong* e5, ulong* e6, ulong* e7)
    {
        var x = Reduce(this);
        var m = Mul32(x.L0, MInv5) & Vector512.Create(31UL);
        var u = Normalise(x.L0 + Mul32(m, P(0)), x.L1 + Mul32(m, P(1)), x.L2 + Mul32(m, P(2)), x.L3 + Mul32(m, P(3)),
            x.L4 + Mul32(m, P(4)), x.L5 + Mul32(m, P(5)), x.L6 + Mul32(m, P(6)), x.L7 + Mul32(m, P(7)),
            x.L8 + Mul32(m, P(8)));
        // u is a multiple of 32: move every limb down 5 bits, taking 5 from the limb above.
        FieldLanes<M> r;
        r.L0 = (Vector512.ShiftRightLogical(u.L0, 5) | Vector512.ShiftLeft(u.L1, 24)) & Mask;
        r.L1 = (Vector512.ShiftRightLogical(u.L1, 5) | Vector512.ShiftLeft(u.L2, 24)) & Mask;
        r.L2 = (Vector512.ShiftRightLogical(u.L2, 5) | Vector512.ShiftLeft(u.L3, 24)) & Mask;
        r.L3 = (Vector512.ShiftRightLogical(u.L3, 5) | Vector512.ShiftLeft(u.L4, 24)) & Mask;
        r.L4 = (Vector512.ShiftRightLogical(u.L4, 5) | Vector512.ShiftLeft(u.L5, 24)) & Mask;
        r.L5 = (Vector512.ShiftRightLogical(u.L5, 5) | Vector512.ShiftLeft(u.L6, 24)) & Mask;
        r.L6 = (Vector512.ShiftRightLogical(u.L6, 5) | Vector512.ShiftLeft(u.L7, 24)) & Mask;
        r.L7 = (Vector512.ShiftRightLogical(u.L7, 5) | Vector512.ShiftLeft(u.L8, 24)) & Mask;
        r.L8 = Vector512.ShiftRightLogical(u.L8, 5);
        r = SubtractModulusIfAtLeast(r);
        var w0 = r.L0 | Vector512.ShiftLeft(r.L1, 29) | Vector512.ShiftLeft(r.L2, 58);
        var w1 = Vector512.ShiftRightLogical(r.L2, 6) | Vector512.ShiftLeft(r.L3, 23) | Vector512.ShiftLeft(r.L4, 52);
        var w2 = Vector512.ShiftRightLogical(r.L4, 12) | Vector512.ShiftLeft(r.L5, 17) | Vector512.ShiftLeft(r.L6, 46);
        var w3 = Vector512.ShiftRightLogical(r.L6, 18) | Vector512.ShiftLeft(r.L7, 11) | Vector512.ShiftLeft(r.L8, 40);
        Untranspose(w0, w1, w2, w3, out var z01, out var z23, out var z45, out var z67);
        z01.GetLower().Store(e0); z01.GetUpper().Store(e1); z23.GetLower().Store(e2); z23.GetUpper().Store(e3);
        z45.GetLower().Store(e4); z45.GetUpper().Store(e5); z67.GetLower().Store(e6); z67.GetUpper().Store(e7);
    }

    [MethodImpl(AggressiveInlining)]
    static Vector512<ulong> Pair(ulong* a, ulong* b) => Vector512.Create(Vector256.Load(a), Vector256.Load(b));

    /// <summary>Lane k of the result is lane idx[k] of a:b (VPERMT2Q), or the same by hand without AVX-512.</summary>
    [MethodImpl(AggressiveInlining)]
    static Vector512<ulong> Permute(Vector512<ulong> a, Vector512<ulong> idx, Vector512<ulong> b)
    {
        if (Avx512F.IsSupported) return Avx512F.PermuteVar8x64x2(a, idx, b);
        Span<ulong> r = stackalloc ulong[8];
        for (int k = 0; k < 8; k++) r[k] = idx[k] < 8 ? a[(int)idx[k]] : b[(int)idx[k] - 8];
        return Vector512.Create<ulong>(r);
    }

    /// <summary>Word 0 then word 1 (word 2 then 3) of four elements held two to a register.</summary>
    static Vector512<ulong> Columns01 { [MethodImpl(AggressiveInlining)] get => Vector512.Create(0UL, 4, 8, 12, 1, 5, 9, 13); }
    static Vector512<ulong> Columns23 { [MethodImpl(AggressiveInlining)] get => Vector512.Create(2UL, 6, 10, 14, 3, 7, 11, 15); }

    /// <summary>[0..3] of each of two registers, and [4..7] of each.</summary>
    static Vector512<ulong> Lows { [MethodImpl(AggressiveInlining)] get => Vector512.Create(0UL, 1, 2, 3, 8, 9, 10, 11); }
    static Vector512<ulong> Highs { [MethodImpl(AggressiveInlining)] get => Vector512.Create(4UL, 5, 6, 7, 12, 13, 14, 15); }

    /// <summary>
    /// A 4x8 transpose of 64-bit words: in, each register holds two elements of four words (a = e0 then e1, and so
    /// on); out, register q holds word q of all eight elements. Columns first gathers words 0-1 and 2-3 of four
    /// elements, then Lows/Highs joins the two halves of the eight.
    /// </summary>
    [MethodImpl(AggressiveInlining)]
    static void Transpose(Vector512<ulong> a, Vector512<ulong> b, Vector512<ulong> c, Vector512<ulong> d,
        out Vector512<ulong> w, out Vector512<ulong> x, out Vector512<ulong> y, out Vector512<ulong> z)
    {
        Shuffle(a, b, c, d, Columns01, Columns23, out var t0, out var t1, out var u0, out var u1);
        Shuffle(t0, u0, t1, u1, Lows, Highs, out w, out x, out y, out z);
    }

    /// <summary>The inverse of <see cref="Transpose"/>: the same two steps in the other order.</summary>
    [MethodImpl(AggressiveInlining)]
    static void Untranspose(Vector512<ulong> w, Vector512<ulong> x, Vector512<ulong> y, Vector512<ulong> z,
        out Vector512<ulong> a, out Vector512<ulong> b, out Vector512<ulong> c, out Vector512<ulong> d)
    {
        Shuffle(w, x, y, z, Lows, Highs, out var t0, out var u0, out var t1, out var u1);
        Shuffle(t0, t1, u0, u1, Columns01, Columns23, out a, out b, out c, out d);
    }

    /// <summary>One step of both: the pair (p, q) permuted by i and by j, then the pair (r, s) the same way.</summary>
    [MethodImpl(AggressiveInlining)]
    static void Shuffle(Vector512<ulong> p, Vector512<ulong> q, Vector512<ulong> r, Vector512<ulong> s,
        Vector512<ulong> i, Vector512<ulong> j,
        out Vector512<ulong> pi, out Vector512<ulong> pj, out Vector512<ulong> ri, out Vector512<ulong> rj)
    {
        pi = Permute(p, i, q);
        pj = Permute(p, j, q);
        ri = Permute(r, i, s);
        rj = Permute(r, j, s);
    }

    /// <summary>x - m in the lanes where x >= m, x elsewhere (x normalised, below 2^261).</summary>
    static FieldLanes<M> SubtractModulusIfAtLeast(in FieldLanes<M> x)
    {
        // Signed limb differences with arithmetic carries: the top limb's sign says whether x - m went negative.
        var d0 = x.L0.AsInt64() - P(0).AsInt64();
        var d1 = x.L1.AsInt64() - P(1).AsInt64() + Vector512.ShiftRightArithmetic(d0, Bits);
        var d2 = x.L2.AsInt64() - P(2).AsInt64() + Vector512.ShiftRightArithmetic(d1, Bits);
        var d3 = x.L3.AsInt64() - P(3).AsInt64() + Vector512.ShiftRightArithmetic(d2, Bits);
        var d4 = x.L4.AsInt64() - P(4).AsInt64() + Vector512.ShiftRightArithmetic(d3, Bits);
        var d5 = x.L5.AsInt64() - P(5).AsInt64() + Vector512.ShiftRightArithmetic(d4, Bits);
        var d6 = x.L6.AsInt64() - P(6).AsInt64() + Vector512.ShiftRightArithmetic(d5, Bits);
        var d7 = x.L7.AsInt64() - P(7).AsInt64() + Vector512.ShiftRightArithmetic(d6, Bits);
        var d8 = x.L8.AsInt64() - P(8).AsInt64() + Vector512.ShiftRightArithmetic(d7, Bits);
        var keep = Vector512.ShiftRightArithmetic(d8, 63).AsUInt64(); // all ones where x < c
        FieldLanes<M> r;
        r.L0 = Vector512.ConditionalSelect(keep, x.L0, d0.AsUInt64() & Mask);
        r.L1 = Vector512.ConditionalSelect(keep, x.L1, d1.AsUInt64() & Mask);
        r.L2 = Vector512.ConditionalSelect(keep, x.L2, d2.AsUInt64() & Mask);
        r.L3 = Vector512.ConditionalSelect(keep, x.L3, d3.AsUInt64() & Mask);
        r.L4 = Vector512.ConditionalSelect(keep, x.L4, d4.AsUInt64() & Mask);
        r.L5 = Vector512.ConditionalSelect(keep, x.L5, d5.AsUInt64() & Mask);
        r.L6 = Vector512.ConditionalSelect(keep, x.L6, d6.AsUInt64() & Mask);
        r.L7 = Vector512.ConditionalSelect(keep, x.L7, d7.AsUInt64() & Mask);
        r.L8 = Vector512.ConditionalSelect(keep, x.L8, d8.AsUInt64());
        return r;
    }
}
