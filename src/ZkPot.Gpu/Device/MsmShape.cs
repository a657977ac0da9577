namespace ZkPot.Gpu.Device;

/// <summary>
/// The bucket layout of one MSM run, passed to every MSM kernel. Windows split 255 bits (254 scalar bits plus the
/// carry signed digits push up) as evenly as possible, as <c>CpuMsm</c> does: widths c and c - 1, the narrow ones
/// on top. Window w has 2^(width - 1) buckets; every window is given <see cref="Buckets"/> slots (the widest count)
/// so a bucket's slot is w * Buckets + |digit| - 1.
/// </summary>
internal readonly struct MsmShape
{
    public const int CoveredBits = 255;
    public const int MaxWindowBits = 16;

    public readonly int Count, WindowBits, Windows, Buckets, SegmentLength, Segments, ScanChunk;

    public MsmShape(int count, int windowBits)
    {
        Count = count;
        WindowBits = windowBits;
        Windows = WindowCount(windowBits);
        Buckets = 1 << (Width(windowBits, 0) - 1);
        // Each reduction thread folds a run of buckets; short runs give more threads, long ones fewer additions.
        SegmentLength = Buckets < 64 ? Buckets : 64;
        Segments = Buckets / SegmentLength;
        ScanChunk = Buckets < 256 ? Buckets : 256;
    }

    public int BucketSlots => Windows * Buckets;
    public int DigitSlots => Windows * Count;

    public static int WindowCount(int c) => (CoveredBits + c - 1) / c;

    /// <summary>The first (255 mod k) of the k windows get one bit more.</summary>
    public static int Width(int c, int w)
    {
        int k = WindowCount(c);
        return CoveredBits / k + (w < CoveredBits % k ? 1 : 0);
    }

    public static int Offset(int c, int w)
    {
        int k = WindowCount(c);
        int extra = CoveredBits % k;
        return w * (CoveredBits / k) + (w < extra ? w : extra);
    }
}
