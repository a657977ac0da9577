namespace ZkPot.Crypto;

/// <summary>
/// Signed-digit recoding of MSM scalars: each scalar (canonical, below r &lt; 2^254) becomes window digits d_w with
/// scalar = sum_w d_w 2^(w c) and d_w in [-2^(c-1), 2^(c-1)), so a window needs only 2^(c-1) buckets.
/// </summary>
internal static unsafe class MsmDigits
{
    /// <summary>The widest window: digits must fit a short.</summary>
    public const int MaxWindowBits = 16;

    const int ScalarBits = 254;

    /// <summary>
    /// floor(254 / c) + 1 windows cover at least 255 bits, so the top window's raw value is below 2^(c-1) and its
    /// digit plus the carry from below is at most 2^(c-1): it never needs a carry out, and never exceeds a short.
    /// </summary>
    public static int WindowCount(int c) => ScalarBits / c + 1;

    /// <summary>
    /// Writes digit w of scalar i to digits[w * count + i] (window-major, so each window's pass reads one stream),
    /// for scalars [from, to). Entries whose point is at infinity get all-zero digits and are skipped later.
    /// </summary>
    public static void Recode<F>(AffinePoint<F>* points, Fr* scalars, short* digits, int count, int c, int from, int to)
        where F : unmanaged, IField<F>
    {
        int windows = WindowCount(c);
        long half = 1L << (c - 1);
        ulong mask = (1UL << c) - 1;
        ulong* limbs = stackalloc ulong[5];
        limbs[4] = 0;
        for (int i = from; i < to; i++)
        {
            if (points[i].IsInfinity || scalars[i].IsZero)
            {
                for (int w = 0; w < windows; w++) digits[(long)w * count + i] = 0;
                continue;
            }
            scalars[i].ToCanonical(out limbs[0], out limbs[1], out limbs[2], out limbs[3]);
            long carry = 0;
            for (int w = 0; w < windows; w++)
            {
                int bit = w * c;
                int limb = bit >> 6, shift = bit & 63;
                ulong raw = limbs[limb] >> shift;
                if (shift + c > 64) raw |= limbs[limb + 1] << (64 - shift);
                long v = (long)(raw & mask) + carry;
                if (v >= half && w < windows - 1) { v -= 1L << c; carry = 1; }
                else carry = 0;
                digits[(long)w * count + i] = (short)v;
            }
        }
    }
}
