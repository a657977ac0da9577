namespace ZkPot.Gpu.Device;

/// <summary>
/// 64 x 64 -> 128-bit products for the portable field path. ILGPU compiles neither Math.BigMul nor UInt128 in
/// kernels, so the high half is rebuilt from 32-bit halves; on CUDA the field code uses inline PTX instead.
/// </summary>
internal static class Wide
{
    /// <summary>Schoolbook product of the 32-bit halves; the middle sum cannot overflow (3 * (2^32 - 1) &lt; 2^64).</summary>
    public static ulong MulHigh(ulong a, ulong b)
    {
        ulong a0 = a & 0xFFFFFFFFUL, a1 = a >> 32, b0 = b & 0xFFFFFFFFUL, b1 = b >> 32;
        ulong p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
        ulong middle = (p00 >> 32) + (p01 & 0xFFFFFFFFUL) + (p10 & 0xFFFFFFFFUL);
        return p11 + (p01 >> 32) + (p10 >> 32) + (middle >> 32);
    }

    /// <summary>a * b + c + d as (high, low); the sum always fits 128 bits.</summary>
    public static ulong MulAdd(ulong a, ulong b, ulong c, ulong d, out ulong low)
    {
        ulong lo = a * b;
        ulong hi = MulHigh(a, b);
        lo += c;
        hi += lo < c ? 1UL : 0UL;
        lo += d;
        hi += lo < d ? 1UL : 0UL;
        low = lo;
        return hi;
    }

    /// <summary>a + b + carry with the carry out (0 or 1).</summary>
    public static ulong AddCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong s = a + b;
        ulong c1 = s < a ? 1UL : 0UL;
        ulong t = s + carry;
        carry = c1 | (t < s ? 1UL : 0UL);
        return t;
    }

    /// <summary>a - b - borrow with the borrow out (0 or 1).</summary>
    public static ulong SubBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong d = a - b;
        ulong b1 = a < b ? 1UL : 0UL;
        ulong t = d - borrow;
        borrow = b1 | (d < borrow ? 1UL : 0UL);
        return t;
    }
}
