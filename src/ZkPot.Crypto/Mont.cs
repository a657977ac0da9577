using System.Numerics;
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
    /// The Montgomery inverse a^-1 R of x = aR (zero for zero), by Kaliski's almost Montgomery inverse (IEEE Trans.
    /// Computers 44(8), 1995) with every run of halvings done as one shift: u = m and v = x shrink by subtracting the
    /// smaller from the larger and dropping the difference's trailing zeros, while r and s (below 2m, from 0 and 1)
    /// keep x r = -u 2^k and x s = v 2^k (mod m) by additions and left shifts only, with no reduction mod m. When v
    /// reaches 0 (u = 1), m - r = x^-1 2^k with 254 &lt;= k &lt; 512; one Montgomery product by the tabled
    /// R^3 2^-k turns that into a^-1 R. About 180 steps of a few 4-word additions and shifts, against ~760 halvings
    /// mod m for the plain binary algorithm and Fermat's 380 products; not constant-time (the steps depend on x),
    /// which is why it serves only public values (see PrimeField.InverseVartime).
    /// </summary>
    public static void Invert(ulong x0, ulong x1, ulong x2, ulong x3, out ulong r0, out ulong r1, out ulong r2, out ulong r3)
    {
        r0 = r1 = r2 = r3 = 0;
        if ((x0 | x1 | x2 | x3) == 0) return;
        ulong u0 = M.M0, u1 = M.M1, u2 = M.M2, u3 = M.M3;
        ulong v0 = x0, v1 = x1, v2 = x2, v3 = x3;
        ulong s0 = 1, s1 = 0, s2 = 0, s3 = 0;
        int k = 0;
        // v's own factors of two: v /= 2 and r *= 2 each, and r is still 0.
        while ((v0 & 1) == 0) k += ShiftOutZeros(ref v0, ref v1, ref v2, ref v3, ref r0, ref r1, ref r2, ref r3);
        while (true)
        {
            ulong b = 0;
            // Both odd here; u = v happens only at u = v = 1.
            if (Less(v0, v1, v2, v3, u0, u1, u2, u3))
            {
                u0 = SubB(u0, v0, ref b); u1 = SubB(u1, v1, ref b); u2 = SubB(u2, v2, ref b); u3 = SubB(u3, v3, ref b);
                ulong c = 0;
                r0 = AddC(r0, s0, ref c); r1 = AddC(r1, s1, ref c); r2 = AddC(r2, s2, ref c); r3 = r3 + s3 + c;
                while ((u0 & 1) == 0) k += ShiftOutZeros(ref u0, ref u1, ref u2, ref u3, ref s0, ref s1, ref s2, ref s3);
            }
            else
            {
                v0 = SubB(v0, u0, ref b); v1 = SubB(v1, u1, ref b); v2 = SubB(v2, u2, ref b); v3 = SubB(v3, u3, ref b);
                ulong c = 0;
                s0 = AddC(s0, r0, ref c); s1 = AddC(s1, r1, ref c); s2 = AddC(s2, r2, ref c); s3 = s3 + r3 + c;
                if ((v0 | v1 | v2 | v3) == 0)
                {
                    // The last step: v = (v - u) / 2 = 0, s += r, r *= 2.
                    ShiftLeft(ref r0, ref r1, ref r2, ref r3, 1);
                    k++;
                    break;
                }
                while ((v0 & 1) == 0) k += ShiftOutZeros(ref v0, ref v1, ref v2, ref v3, ref r0, ref r1, ref r2, ref r3);
            }
        }
        // r is below 2m and not a multiple of m: reduce it once, then m - r = x^-1 2^k.
        if (!Less(r0, r1, r2, r3, M.M0, M.M1, M.M2, M.M3))
        {
            ulong b = 0;
            r0 = SubB(r0, M.M0, ref b); r1 = SubB(r1, M.M1, ref b); r2 = SubB(r2, M.M2, ref b); r3 = SubB(r3, M.M3, ref b);
        }
        ulong d = 0;
        r0 = SubB(M.M0, r0, ref d); r1 = SubB(M.M1, r1, ref d); r2 = SubB(M.M2, r2, ref d); r3 = SubB(M.M3, r3, ref d);
        var t = InverseScales.AsSpan(4 * k, 4);
        Mul(r0, r1, r2, r3, t[0], t[1], t[2], t[3], out r0, out r1, out r2, out r3);
    }

    /// <summary>R^3 2^-k mod m for k = 0 .. 511, four words each: the Kaliski inverse's last correction.</summary>
    static readonly ulong[] InverseScales = MakeInverseScales();

    static ulong[] MakeInverseScales()
    {
        var table = new ulong[4 * 512];
        // R^3: the Montgomery product of R^2 with itself.
        Mul(M.R2_0, M.R2_1, M.R2_2, M.R2_3, M.R2_0, M.R2_1, M.R2_2, M.R2_3, out ulong t0, out ulong t1, out ulong t2, out ulong t3);
        for (int k = 0; k < 512; k++)
        {
            table[4 * k] = t0; table[4 * k + 1] = t1; table[4 * k + 2] = t2; table[4 * k + 3] = t3;
            HalveMod(ref t0, ref t1, ref t2, ref t3);
        }
        return table;
    }

    /// <summary>
    /// Drops up to 63 trailing zeros of the even, non-zero x and shifts y left as far; returns the count. Callers loop
    /// while x is even (64 or more zeros in a row are all but impossible).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static int ShiftOutZeros(ref ulong x0, ref ulong x1, ref ulong x2, ref ulong x3, ref ulong y0, ref ulong y1, ref ulong y2, ref ulong y3)
    {
        int t = BitOperations.TrailingZeroCount(x0 | 0x8000000000000000UL);
        x0 = (x0 >> t) | (x1 << (64 - t)); x1 = (x1 >> t) | (x2 << (64 - t)); x2 = (x2 >> t) | (x3 << (64 - t)); x3 >>= t;
        ShiftLeft(ref y0, ref y1, ref y2, ref y3, t);
        return t;
    }

    /// <summary>y * 2^t for t in 1..63 (the caller knows it stays below 2^256).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static void ShiftLeft(ref ulong y0, ref ulong y1, ref ulong y2, ref ulong y3, int t)
    {
        y3 = (y3 << t) | (y2 >> (64 - t)); y2 = (y2 << t) | (y1 >> (64 - t)); y1 = (y1 << t) | (y0 >> (64 - t)); y0 <<= t;
    }

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
