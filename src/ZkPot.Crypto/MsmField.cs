using System.Runtime.CompilerServices;
using static ZkPot.Crypto.Carry;
using System.Runtime.Intrinsics.X86;

namespace ZkPot.Crypto;

/// <summary>
/// The prime field of <see cref="PrimeField{M}"/> with the same layout and Montgomery values, for the MSM and NTT
/// inner loops, which reinterpret their spans as this type. Its multiplication takes the high word of each 64x64
/// product from MULX and the low word from IMUL: with Math.BigMul's out parameter the JIT spills every low word to
/// the stack, and this form measured 2.5x faster on the same CPU.
/// </summary>
internal readonly struct MsmField<M> : IField<MsmField<M>> where M : struct, IModulus
{
    internal readonly ulong L0, L1, L2, L3;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal MsmField(ulong l0, ulong l1, ulong l2, ulong l3) { L0 = l0; L1 = l1; L2 = l2; L3 = l3; }

    public static MsmField<M> Zero => default;
    public static MsmField<M> One => new(M.One0, M.One1, M.One2, M.One3);
    public bool IsZero => (L0 | L1 | L2 | L3) == 0;

    /// <summary>
    /// The modulus words, read from M's constant properties: both compilers fold them. (Static readonly copies would
    /// be constants to the JIT's tier 1, but NativeAOT guards every read with a class-initialisation check.)
    /// </summary>
    static ulong P0 => M.M0;
    static ulong P1 => M.M1;
    static ulong P2 => M.M2;
    static ulong P3 => M.M3;
    static ulong PInv => M.Inv;


    /// <summary>
    /// Branch-free: whether a sum needs the modulus subtracted is a coin flip on random inputs, and a mispredicted
    /// branch costs more than computing both and selecting by mask.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmField<M> operator +(in MsmField<M> a, in MsmField<M> b)
    {
        // Inputs are below m < 2^254, so the sum fits 256 bits.
        ulong c = 0;
        ulong t0 = AddC(a.L0, b.L0, ref c), t1 = AddC(a.L1, b.L1, ref c), t2 = AddC(a.L2, b.L2, ref c), t3 = a.L3 + b.L3 + c;
        ulong br = 0;
        ulong s0 = SubB(t0, P0, ref br), s1 = SubB(t1, P1, ref br), s2 = SubB(t2, P2, ref br), s3 = SubB(t3, P3, ref br);
        ulong keep = 0 - br; // all ones when t < m
        return new((t0 & keep) | (s0 & ~keep), (t1 & keep) | (s1 & ~keep), (t2 & keep) | (s2 & ~keep), (t3 & keep) | (s3 & ~keep));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmField<M> operator -(in MsmField<M> a, in MsmField<M> b)
    {
        ulong br = 0;
        ulong t0 = SubB(a.L0, b.L0, ref br), t1 = SubB(a.L1, b.L1, ref br), t2 = SubB(a.L2, b.L2, ref br), t3 = SubB(a.L3, b.L3, ref br);
        ulong add = 0 - br; // all ones when a < b: add m back
        ulong c = 0;
        t0 = AddC(t0, P0 & add, ref c); t1 = AddC(t1, P1 & add, ref c); t2 = AddC(t2, P2 & add, ref c); t3 = t3 + (P3 & add) + c;
        return new(t0, t1, t2, t3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static MsmField<M> operator -(in MsmField<M> a) => Zero - a;

    /// <summary>
    /// Montgomery product by CIOS, written out flat: the JIT's inliner runs out of budget on nested helpers here and
    /// leaves calls (even to the modulus getters) in the hot loop. Not inlined itself, for the same reason at the
    /// callers; the call costs little next to the product.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static MsmField<M> operator *(in MsmField<M> a, in MsmField<M> b)
    {
        ulong a0 = a.L0, a1 = a.L1, a2 = a.L2, a3 = a.L3;
        ulong p0 = P0, p1 = P1, p2 = P2, p3 = P3, inv = PInv;
        ulong t0, t1, t2, t3, A, C, m, u, h, l, bi;
        // Round 0: t = (t + a*b0 + m*p) / 2^64, with the product and reduction carries kept apart (A, C).
        bi = b.L0;
        l = a0 * bi; A = Hi(a0, bi); u = l;
        m = u * inv;
        l = m * p0; C = Hi(m, p0); l += u; C += l < u ? 1UL : 0UL;
        l = a1 * bi; h = Hi(a1, bi); l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p1; h = Hi(m, p1); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t0 = l;
        l = a2 * bi; h = Hi(a2, bi); l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p2; h = Hi(m, p2); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t1 = l;
        l = a3 * bi; h = Hi(a3, bi); l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p3; h = Hi(m, p3); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t2 = l;
        t3 = C + A;
        // Round 1: t = (t + a*b1 + m*p) / 2^64, with the product and reduction carries kept apart (A, C).
        bi = b.L1;
        l = a0 * bi; A = Hi(a0, bi); l += t0; A += l < t0 ? 1UL : 0UL; u = l;
        m = u * inv;
        l = m * p0; C = Hi(m, p0); l += u; C += l < u ? 1UL : 0UL;
        l = a1 * bi; h = Hi(a1, bi); l += t1; h += l < t1 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p1; h = Hi(m, p1); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t0 = l;
        l = a2 * bi; h = Hi(a2, bi); l += t2; h += l < t2 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p2; h = Hi(m, p2); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t1 = l;
        l = a3 * bi; h = Hi(a3, bi); l += t3; h += l < t3 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p3; h = Hi(m, p3); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t2 = l;
        t3 = C + A;
        // Round 2: t = (t + a*b2 + m*p) / 2^64, with the product and reduction carries kept apart (A, C).
        bi = b.L2;
        l = a0 * bi; A = Hi(a0, bi); l += t0; A += l < t0 ? 1UL : 0UL; u = l;
        m = u * inv;
        l = m * p0; C = Hi(m, p0); l += u; C += l < u ? 1UL : 0UL;
        l = a1 * bi; h = Hi(a1, bi); l += t1; h += l < t1 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p1; h = Hi(m, p1); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t0 = l;
        l = a2 * bi; h = Hi(a2, bi); l += t2; h += l < t2 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p2; h = Hi(m, p2); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t1 = l;
        l = a3 * bi; h = Hi(a3, bi); l += t3; h += l < t3 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p3; h = Hi(m, p3); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t2 = l;
        t3 = C + A;
        // Round 3: t = (t + a*b3 + m*p) / 2^64, with the product and reduction carries kept apart (A, C).
        bi = b.L3;
        l = a0 * bi; A = Hi(a0, bi); l += t0; A += l < t0 ? 1UL : 0UL; u = l;
        m = u * inv;
        l = m * p0; C = Hi(m, p0); l += u; C += l < u ? 1UL : 0UL;
        l = a1 * bi; h = Hi(a1, bi); l += t1; h += l < t1 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p1; h = Hi(m, p1); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t0 = l;
        l = a2 * bi; h = Hi(a2, bi); l += t2; h += l < t2 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p2; h = Hi(m, p2); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t1 = l;
        l = a3 * bi; h = Hi(a3, bi); l += t3; h += l < t3 ? 1UL : 0UL; l += A; h += l < A ? 1UL : 0UL; A = h; u = l;
        l = m * p3; h = Hi(m, p3); l += u; h += l < u ? 1UL : 0UL; l += C; h += l < C ? 1UL : 0UL; C = h; t2 = l;
        t3 = C + A;
        // t < 2m: subtract m once unless that borrows, selecting by mask rather than by branch.
        ulong br = 0;
        ulong s0 = SubB(t0, p0, ref br), s1 = SubB(t1, p1, ref br), s2 = SubB(t2, p2, ref br), s3 = SubB(t3, p3, ref br);
        ulong keep = 0 - br;
        return new((t0 & keep) | (s0 & ~keep), (t1 & keep) | (s1 & ~keep), (t2 & keep) | (s2 & ~keep), (t3 & keep) | (s3 & ~keep));
    }

    /// <summary>High word of a 64x64 product: MULX's high half alone, so the JIT keeps everything in registers.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong Hi(ulong a, ulong b) => Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(a, b) : Math.BigMul(a, b, out _);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MsmField<M> Square() => this * this;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MsmField<M> Double() => this + this;

    /// <summary>The multiplicative inverse (binary extended Euclid, see Mont.Invert); zero maps to zero.</summary>
    public MsmField<M> Inverse()
    {
        Mont<M>.Invert(L0, L1, L2, L3, out var r0, out var r1, out var r2, out var r3);
        return new MsmField<M>(r0, r1, r2, r3);
    }

    public bool Equals(MsmField<M> o) => L0 == o.L0 && L1 == o.L1 && L2 == o.L2 && L3 == o.L3;
    public override bool Equals(object? obj) => obj is MsmField<M> o && Equals(o);
    public override int GetHashCode() => HashCode.Combine(L0, L1, L2, L3);
}
