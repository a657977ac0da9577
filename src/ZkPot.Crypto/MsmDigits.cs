using System.Runtime.CompilerServices;

namespace ZkPot.Crypto;

/// <summary>
/// Signed-digit recoding of MSM scalars into windows: scalar = sum_w d_w 2^(offset_w), with d_w in
/// [-2^(b_w - 1), 2^(b_w - 1)) for a window of b_w bits, so a window needs only 2^(b_w - 1) buckets. The windows split
/// the covered bits (the scalar's bits plus one for the carry the signed digits push out of the top) exactly and as
/// evenly as possible (widths c and c - 1), so no window is left nearly empty: a top window holding only a bit or two
/// would send every point into a handful of buckets. Whole scalars (below r &lt; 2^254) cover 255 bits; the halves of
/// a GLV split (below 2^127) cover 128.
/// </summary>
internal static unsafe class MsmDigits
{
    /// <summary>The widest window: 2^19 buckets of a G1 point already take 32 MiB per thread.</summary>
    public const int MaxWindowBits = 20;

    /// <summary>Bits covered for whole scalars: 254 plus the carry.</summary>
    public const int FullBits = 255;

    /// <summary>Bits covered for the halves of a GLV split: 127 plus the carry.</summary>
    public const int GlvBits = Glv.HalfBits + 1;

    public static int WindowCount(int c, int bits) => (bits + c - 1) / c;

    /// <summary>
    /// Width of window w for nominal width c: the first (bits mod k) windows get one bit more. The widths sum to the
    /// covered bits, so the top window's raw value is below 2^(b - 1) and its digit plus the carry from below is at
    /// most 2^(b - 1): it needs no carry out, and the bucket for it exists.
    /// </summary>
    public static int Width(int c, int w, int bits)
    {
        int k = WindowCount(c, bits);
        return bits / k + (w < bits % k ? 1 : 0);
    }

    public static int Offset(int c, int w, int bits)
    {
        int k = WindowCount(c, bits);
        return w * (bits / k) + Math.Min(w, bits % k);
    }

    /// <summary>
    /// Writes digit w of scalar i to digits[w * count + i] (window-major, so each window's pass reads one stream),
    /// for scalars [from, to). Entries whose point is at infinity get all-zero digits and are skipped later.
    /// </summary>
    public static void Recode<F>(AffinePoint<F>* points, Fr* scalars, int* digits, int count, int c, int from, int to)
        where F : unmanaged, IField<F>
    {
        int* layout = stackalloc int[2 * FullBits];
        var windows = new Windows(c, FullBits, layout);
        ulong* limbs = stackalloc ulong[5];
        limbs[4] = 0;
        for (int i = from; i < to; i++)
        {
            if (points[i].IsInfinity || scalars[i].IsZero)
            {
                windows.Zero(digits + i, count);
                continue;
            }
            scalars[i].ToCanonical(out limbs[0], out limbs[1], out limbs[2], out limbs[3]);
            windows.Write(limbs, false, digits + i, count);
        }
    }

    /// <summary>
    /// The GLV form of <see cref="Recode"/>: scalar i splits as k1 + k2 lambda, and the digits of k1 (for point i) go
    /// to digits[w * 2 count + i], those of k2 (for phi of point i) to digits[w * 2 count + count + i], both negated
    /// when their half is negative.
    /// </summary>
    public static void RecodeGlv<F>(AffinePoint<F>* points, Fr* scalars, int* digits, int count, int c, int from, int to)
        where F : unmanaged, IField<F>
    {
        int* layout = stackalloc int[2 * GlvBits];
        var windows = new Windows(c, GlvBits, layout);
        long stride = 2L * count;
        ulong* limbs = stackalloc ulong[3];
        limbs[2] = 0;
        for (int i = from; i < to; i++)
        {
            if (points[i].IsInfinity || scalars[i].IsZero)
            {
                windows.Zero(digits + i, stride);
                windows.Zero(digits + count + i, stride);
                continue;
            }
            Glv.Split(scalars[i], out var k1, out bool negative1, out var k2, out bool negative2);
            limbs[0] = (ulong)k1; limbs[1] = (ulong)(k1 >> 64);
            windows.Write(limbs, negative1, digits + i, stride);
            limbs[0] = (ulong)k2; limbs[1] = (ulong)(k2 >> 64);
            windows.Write(limbs, negative2, digits + count + i, stride);
        }
    }

    /// <summary>The window layout for width c over the covered bits (kept in the caller's room for 2 bits ints), and the digit writer.</summary>
    readonly ref struct Windows
    {
        readonly int _count;
        readonly int* _offset, _width;

        public Windows(int c, int bits, int* room)
        {
            _count = WindowCount(c, bits);
            _offset = room;
            _width = room + _count;
            for (int w = 0; w < _count; w++) { _offset[w] = Offset(c, w, bits); _width[w] = Width(c, w, bits); }
        }

        public void Zero(int* digits, long stride)
        {
            for (int w = 0; w < _count; w++) digits[w * stride] = 0;
        }

        /// <summary>
        /// The signed digits of the little-endian magnitude in limbs (one spare zero limb above its bits), negated
        /// when <paramref name="negative"/>, to digits[w * stride].
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(ulong* limbs, bool negative, int* digits, long stride)
        {
            long carry = 0;
            for (int w = 0; w < _count; w++)
            {
                int bit = _offset[w], b = _width[w];
                int limb = bit >> 6, shift = bit & 63;
                ulong raw = limbs[limb] >> shift;
                if (shift + b > 64) raw |= limbs[limb + 1] << (64 - shift);
                long v = (long)(raw & ((1UL << b) - 1)) + carry;
                if (v >= 1L << (b - 1) && w < _count - 1) { v -= 1L << b; carry = 1; }
                else carry = 0;
                digits[w * stride] = (int)(negative ? -v : v);
            }
        }
    }
}
