using System.Runtime.CompilerServices;
using static ZkPot.Crypto.Carry;
using System.Runtime.Intrinsics.X86;

namespace ZkPot.Crypto;

/// <summary>
/// 4x64-bit Montgomery arithmetic shared by Fp and Fr. Both moduli are below 2^254, so the CIOS product
/// never needs a fifth word (the top limb stays below 2^63) and one conditional subtraction reduces it.
/// </summary>
internal static class Mont<M> where M : struct, IModulus
{
    /// <summary>
    /// a*b as (high, low). With BMI2 the high half comes from mulx and the low half from imul, both in registers:
    /// Math.BigMul's out parameter makes the JIT store and reload the low half, which costs 2.5x per field product.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong Mul64(ulong a, ulong b, out ulong lo)
    {
        if (Bmi2.X64.IsSupported)
        {
            lo = a * b;
            return Bmi2.X64.MultiplyNoFlags(a, b);
        }
        return Math.BigMul(a, b, out lo);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong MulAdd(ulong a, ulong b, ulong c, out ulong lo)
    {
        ulong hi = Mul64(a, b, out lo);
        lo += c;
        return hi + (lo < c ? 1UL : 0UL);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong MulAdd(ulong a, ulong b, ulong c, ulong d, out ulong lo)
    {
        ulong hi = Mul64(a, b, out lo);
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += d;
        return hi + (lo < d ? 1UL : 0UL);
    }

    /// <summary>
    /// Subtracts the modulus once if x >= m. Branch-free: whether the subtraction applies depends on the data, so a
    /// branch mispredicts about half the time inside a pairing (measured: the Miller loop and final exponentiation ran
    /// about a third slower in a verification than in a loop that replays the same inputs and trains the predictor).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Reduce(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3)
    {
        ulong b = 0;
        ulong y0 = SubB(x0, M.M0, ref b), y1 = SubB(x1, M.M1, ref b), y2 = SubB(x2, M.M2, ref b), y3 = SubB(x3, M.M3, ref b);
        ulong keep = 0 - b; // all ones when x < m
        x0 = (x0 & keep) | (y0 & ~keep);
        x1 = (x1 & keep) | (y1 & ~keep);
        x2 = (x2 & keep) | (y2 & ~keep);
        x3 = (x3 & keep) | (y3 & ~keep);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Mul(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
                           out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ulong t0, t1, t2, t3, A, C, m;
        // i = 0
        A = Mul64(a0, b0, out t0);
        m = t0 * M.Inv;
        C = ReduceFirst(m, t0);
        A = MulAdd(a1, b0, A, out t1); C = MulAdd(m, M.M1, t1, C, out t0);
        A = MulAdd(a2, b0, A, out t2); C = MulAdd(m, M.M2, t2, C, out t1);
        A = MulAdd(a3, b0, A, out t3); C = MulAdd(m, M.M3, t3, C, out t2);
        t3 = C + A;
        Round(a0, a1, a2, a3, b1, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b2, ref t0, ref t1, ref t2, ref t3);
        Round(a0, a1, a2, a3, b3, ref t0, ref t1, ref t2, ref t3);
        Reduce(ref t0, ref t1, ref t2, ref t3);
        r0 = t0; r1 = t1; r2 = t2; r3 = t3;
    }

    /// <summary>
    /// The high word of m*m0 + u. m is chosen so the low word of the sum is zero, which carries exactly when u is not
    /// zero: the low product and its carry detection are not needed.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static ulong ReduceFirst(ulong m, ulong u) =>
        (Bmi2.X64.IsSupported ? Bmi2.X64.MultiplyNoFlags(m, M.M0) : Math.BigMul(m, M.M0, out _)) + (u != 0 ? 1UL : 0UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Round(ulong a0, ulong a1, ulong a2, ulong a3, ulong b, ref ulong t0, ref ulong t1, ref ulong t2, ref ulong t3)
    {
        ulong A, C, m, u0;
        A = MulAdd(a0, b, t0, out u0);
        m = u0 * M.Inv;
        C = ReduceFirst(m, u0);
        A = MulAdd(a1, b, t1, A, out ulong u1); C = MulAdd(m, M.M1, u1, C, out t0);
        A = MulAdd(a2, b, t2, A, out ulong u2); C = MulAdd(m, M.M2, u2, C, out t1);
        A = MulAdd(a3, b, t3, A, out ulong u3); C = MulAdd(m, M.M3, u3, C, out t2);
        t3 = C + A;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
                           out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        // Inputs are < m < 2^254, so the sum never carries out of 256 bits.
        ulong c = 0;
        r0 = AddC(a0, b0, ref c); r1 = AddC(a1, b1, ref c); r2 = AddC(a2, b2, ref c); r3 = a3 + b3 + c;
        Reduce(ref r0, ref r1, ref r2, ref r3);
    }

    /// <summary>
    /// a + b without the final subtraction: the result is below 2m, which is only good as an operand of
    /// <see cref="Mul"/>. Mul accepts operands below 2m: with 4m &lt; 2^256 the CIOS value stays below 2m before its
    /// one conditional subtraction, and below 2^256 throughout, so the result is fully reduced.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddLazy(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
                               out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ulong c = 0;
        r0 = AddC(a0, b0, ref c); r1 = AddC(a1, b1, ref c); r2 = AddC(a2, b2, ref c); r3 = a3 + b3 + c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Sub(ulong a0, ulong a1, ulong a2, ulong a3, ulong b0, ulong b1, ulong b2, ulong b3,
                           out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        ulong b = 0;
        r0 = SubB(a0, b0, ref b); r1 = SubB(a1, b1, ref b); r2 = SubB(a2, b2, ref b); r3 = SubB(a3, b3, ref b);
        // Add m back when the subtraction borrowed, through a mask rather than a branch (see Reduce).
        ulong mask = 0 - b, c = 0;
        r0 = AddC(r0, M.M0 & mask, ref c); r1 = AddC(r1, M.M1 & mask, ref c); r2 = AddC(r2, M.M2 & mask, ref c); r3 = r3 + (M.M3 & mask) + c;
    }

    /// <summary>True when the 256-bit little-endian value is below the modulus (canonical).</summary>
    public static bool LessThanModulus(ulong x0, ulong x1, ulong x2, ulong x3)
    {
        ulong b = 0;
        SubB(x0, M.M0, ref b); SubB(x1, M.M1, ref b); SubB(x2, M.M2, ref b); SubB(x3, M.M3, ref b);
        return b != 0;
    }

    /// <summary>
    /// The Montgomery inverse a^-1 R of x = aR (zero for zero), by the binary extended Euclidean algorithm: u and v
    /// start at x and m and shrink by halving and subtracting, with x1 x = u and x2 x = v (mod m) kept alongside, until
    /// one reaches 1. That gives x^-1 = a^-1 R^-1, and two Montgomery products by R^2 give a^-1 R. About 500 cheap
    /// steps instead of Fermat's 380 products: several times faster, and not constant-time (the steps depend on x),
    /// which is why it serves only public values (see PrimeField.InverseVartime).
    /// </summary>
    public static void Invert(ulong x0, ulong x1, ulong x2, ulong x3, out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        r0 = r1 = r2 = r3 = 0;
        if ((x0 | x1 | x2 | x3) == 0) return;
        ulong u0 = x0, u1 = x1, u2 = x2, u3 = x3;
        ulong v0 = M.M0, v1 = M.M1, v2 = M.M2, v3 = M.M3;
        ulong a0 = 1, a1 = 0, a2 = 0, a3 = 0; // x1 of the text: a * x = u
        ulong b0 = 0, b1 = 0, b2 = 0, b3 = 0; // x2: b * x = v
        while (!IsOne(u0, u1, u2, u3) && !IsOne(v0, v1, v2, v3))
        {
            while ((u0 & 1) == 0) { Halve(ref u0, ref u1, ref u2, ref u3); HalveMod(ref a0, ref a1, ref a2, ref a3); }
            while ((v0 & 1) == 0) { Halve(ref v0, ref v1, ref v2, ref v3); HalveMod(ref b0, ref b1, ref b2, ref b3); }
            // Both odd and coprime, so never equal short of both being 1: the difference is even and non-zero.
            if (!Less(u0, u1, u2, u3, v0, v1, v2, v3))
            {
                ulong br = 0;
                u0 = SubB(u0, v0, ref br); u1 = SubB(u1, v1, ref br); u2 = SubB(u2, v2, ref br); u3 = SubB(u3, v3, ref br);
                Sub(a0, a1, a2, a3, b0, b1, b2, b3, out a0, out a1, out a2, out a3);
            }
            else
            {
                ulong br = 0;
                v0 = SubB(v0, u0, ref br); v1 = SubB(v1, u1, ref br); v2 = SubB(v2, u2, ref br); v3 = SubB(v3, u3, ref br);
                Sub(b0, b1, b2, b3, a0, a1, a2, a3, out b0, out b1, out b2, out b3);
            }
        }
        if (!IsOne(u0, u1, u2, u3)) { a0 = b0; a1 = b1; a2 = b2; a3 = b3; }
        Mul(a0, a1, a2, a3, M.R2_0, M.R2_1, M.R2_2, M.R2_3, out a0, out a1, out a2, out a3);
        Mul(a0, a1, a2, a3, M.R2_0, M.R2_1, M.R2_2, M.R2_3, out r0, out r1, out r2, out r3);
    }

    static bool IsOne(ulong x0, ulong x1, ulong x2, ulong x3) => x0 == 1 && (x1 | x2 | x3) == 0;

    static bool Less(ulong x0, ulong x1, ulong x2, ulong x3, ulong y0, ulong y1, ulong y2, ulong y3)
    {
        ulong b = 0;
        SubB(x0, y0, ref b); SubB(x1, y1, ref b); SubB(x2, y2, ref b); SubB(x3, y3, ref b);
        return b != 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void Halve(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3)
    {
        x0 = (x0 >> 1) | (x1 << 63); x1 = (x1 >> 1) | (x2 << 63); x2 = (x2 >> 1) | (x3 << 63); x3 >>= 1;
    }

    /// <summary>x / 2 mod m for x below m: x, or x + m when x is odd (below 2^255, no overflow), shifted right.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void HalveMod(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3)
    {
        ulong mask = 0 - (x0 & 1), c = 0;
        x0 = AddC(x0, M.M0 & mask, ref c); x1 = AddC(x1, M.M1 & mask, ref c); x2 = AddC(x2, M.M2 & mask, ref c);
        x3 = x3 + (M.M3 & mask) + c;
        Halve(ref x0, ref x1, ref x2, ref x3);
    }
}
