namespace ZkPot.Crypto;

/// <summary>
/// Signed-digit recoding of MSM scalars (canonical, below r &lt; 2^254) into windows: scalar = sum_w d_w 2^(offset_w),
/// with d_w in [-2^(b_w - 1), 2^(b_w - 1)) for a window of b_w bits, so a window needs only 2^(b_w - 1) buckets.
/// The windows split exactly 255 bits as evenly as possible (widths c and c - 1), so no window is left nearly empty:
/// a top window holding only a bit or two would send every point into a handful of buckets.
/// </summary>
internal static unsafe class MsmDigits
{
    /// <summary>The widest window: 2^19 buckets of a G1 point already take 32 MiB per thread.</summary>
    public const int MaxWindowBits = 20;

    /// <summary>254 scalar bits plus the carry the signed digits can push out of the top.</summary>
    const int CoveredBits = 255;

    public static int WindowCount(int c) => (CoveredBits + c - 1) / c;

    /// <summary>
    /// Width of window w for nominal width c: the first (255 mod k) windows get one bit more. The widths sum to 255,
    /// so the top window's raw value is below 2^(b - 1) and its digit plus the carry from below is at most 2^(b - 1):
    /// it needs no carry out, and the bucket for it exists.
    /// </summary>
    public static int Width(int c, int w)
    {
        int k = WindowCount(c);
        return CoveredBits / k + (w < CoveredBits % k ? 1 : 0);
    }

    public static int Offset(int c, int w)
    {
        int k = WindowCount(c);
        return w * (CoveredBits / k) + Math.Min(w, CoveredBits % k);
    }

    /// <summary>
    /// Writes digit w of scalar i to digits[w * count + i] (window-major, so each window's pass reads one stream),
    /// for scalars [from, to). Entries whose point is at infinity get all-zero digits and are skipped later.
    /// </summary>
    public static void Recode<F>(AffinePoint<F>* points, Fr* scalars, int* digits, int count, int c, int from, int to)
        where F : unmanaged, IField<F>
    {
        int windows = WindowCount(c);
        int* offset = stackalloc int[windows];
        int* width = stackalloc int[windows];
        for (int w = 0; w < windows; w++) { offset[w] = Offset(c, w); width[w] = Width(c, w); }
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
                int bit = offset[w], b = width[w];
                int limb = bit >> 6, shift = bit & 63;
                ulong raw = limbs[limb] >> shift;
                if (shift + b > 64) raw |= limbs[limb + 1] << (64 - shift);
                long v = (long)(raw & ((1UL << b) - 1)) + carry;
                if (v >= 1L << (b - 1) && w < windows - 1) { v -= 1L << b; carry = 1; }
                else carry = 0;
                digits[(long)w * count + i] = (int)v;
            }
        }
    }
}
