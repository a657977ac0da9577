using ILGPU;

namespace ZkPot.Gpu.Device;

/// <summary>
/// The kernels of the bucket-method MSM, in launch order: recode scalars into signed window digits and count each
/// bucket's points; prefix-sum the counts into bucket offsets; scatter point indices into bucket order; sum each
/// bucket; fold runs of buckets with running sums (sum_b (b + 1) B_b); add the runs of each window. The host
/// combines the window sums by doubling. Point order inside a bucket depends on atomics, but addition in the group is
/// exact, so the sum is the same point every run.
/// </summary>
internal static class MsmKernels
{
    /// <summary>One thread per scalar: its digits for every window, and a count in each bucket it lands in.</summary>
    public static void Recode(Index1D i, ArrayView<Word256> scalars, ArrayView<int> digits, ArrayView<int> counts, MsmShape shape)
    {
        var s = MontgomeryArithmetic.ToCanonical<DeviceRModulus>(scalars[i]);
        int c = shape.WindowBits;
        long carry = 0;
        for (int w = 0; w < shape.Windows; w++)
        {
            int bit = MsmShape.Offset(c, w), b = MsmShape.Width(c, w);
            int limb = bit >> 6, shift = bit & 63;
            ulong raw = s.Limb(limb) >> shift;
            if (shift + b > 64) raw |= s.Limb(limb + 1) << (64 - shift);
            long v = (long)(raw & ((1UL << b) - 1)) + carry;
            // The top window never borrows from above: its raw value leaves room for the carry (see MsmShape).
            if (v >= 1L << (b - 1) && w < shape.Windows - 1)
            {
                v -= 1L << b;
                carry = 1;
            }
            else carry = 0;
            int d = (int)v;
            digits[w * shape.Count + i] = d;
            if (d != 0) Atomic.Add(ref counts[w * shape.Buckets + (d < 0 ? -d : d) - 1], 1);
        }
    }

    /// <summary>One thread per chunk of bucket counts: exclusive prefix sums within the chunk, and its total.</summary>
    public static void ScanChunks(Index1D chunk, ArrayView<int> counts, ArrayView<int> offsets, ArrayView<int> chunkTotals, int chunkSize)
    {
        int from = chunk * chunkSize;
        int sum = 0;
        for (int k = 0; k < chunkSize; k++)
        {
            offsets[from + k] = sum;
            sum += counts[from + k];
        }
        chunkTotals[chunk] = sum;
    }

    /// <summary>One thread per window: exclusive prefix sums over its chunk totals, which become chunk bases.</summary>
    public static void ScanChunkTotals(Index1D window, ArrayView<int> chunkTotals, int chunksPerWindow)
    {
        int from = window * chunksPerWindow;
        int sum = 0;
        for (int k = 0; k < chunksPerWindow; k++)
        {
            int total = chunkTotals[from + k];
            chunkTotals[from + k] = sum;
            sum += total;
        }
    }

    /// <summary>One thread per bucket: its offset within the window, and the scatter cursor starting there.</summary>
    public static void AddChunkBases(Index1D slot, ArrayView<int> offsets, ArrayView<int> cursors, ArrayView<int> chunkTotals, int chunkSize)
    {
        int offset = offsets[slot] + chunkTotals[slot / chunkSize];
        offsets[slot] = offset;
        cursors[slot] = offset;
    }

    /// <summary>One thread per (window, scalar): the point index, complemented for a negative digit, into its bucket's run.</summary>
    public static void Scatter(Index1D t, ArrayView<int> digits, ArrayView<int> cursors, ArrayView<int> entries, MsmShape shape)
    {
        int d = digits[t];
        if (d == 0) return;
        int w = t / shape.Count, i = t - w * shape.Count;
        int position = Atomic.Add(ref cursors[w * shape.Buckets + (d < 0 ? -d : d) - 1], 1);
        entries[w * shape.Count + position] = d < 0 ? ~i : i;
    }

    /// <summary>One thread per bucket: the sum of its points (negated for negative digits), skipping points at infinity.</summary>
    public static void AccumulateBuckets<T, TF, TL>(Index1D slot, ArrayView<ulong> points, ArrayView<int> entries,
        ArrayView<int> offsets, ArrayView<int> counts, ArrayView<DeviceJacobian<T>> buckets, MsmShape shape)
        where T : unmanaged where TF : struct, IDeviceField<T> where TL : struct, IAffineLayout<T>
    {
        var f = default(TF);
        var layout = default(TL);
        int w = slot / shape.Buckets;
        int start = w * shape.Count + offsets[slot];
        int end = start + counts[slot];
        var acc = DeviceCurve.Infinity<T, TF>();
        for (int k = start; k < end; k++)
        {
            int e = entries[k];
            if (layout.TryRead(points, e < 0 ? ~e : e, out T x, out T y))
                acc = DeviceCurve.AddAffine<T, TF>(acc, x, e < 0 ? f.Negate(y) : y);
        }
        buckets[slot] = acc;
    }

    /// <summary>
    /// One thread per run of buckets [lo, lo + L) of a window: sum_{b in run} (b + 1) B_b, as the running-sum trick's
    /// sum_{b in run} (b - lo + 1) B_b plus lo times the run's plain sum.
    /// </summary>
    public static void ReduceSegments<T, TF>(Index1D t, ArrayView<DeviceJacobian<T>> buckets, ArrayView<DeviceJacobian<T>> partials, MsmShape shape)
        where T : unmanaged where TF : struct, IDeviceField<T>
    {
        int w = t / shape.Segments, s = t - w * shape.Segments;
        int lo = s * shape.SegmentLength;
        int first = w * shape.Buckets + lo;
        var running = DeviceCurve.Infinity<T, TF>();
        var acc = DeviceCurve.Infinity<T, TF>();
        for (int k = shape.SegmentLength - 1; k >= 0; k--)
        {
            running = DeviceCurve.Add<T, TF>(running, buckets[first + k]);
            acc = DeviceCurve.Add<T, TF>(acc, running);
        }
        partials[t] = DeviceCurve.Add<T, TF>(acc, DeviceCurve.MultiplySmall<T, TF>(running, lo));
    }

    /// <summary>One thread per window: the sum of its runs, which is the window's weighted bucket sum.</summary>
    public static void SumWindows<T, TF>(Index1D w, ArrayView<DeviceJacobian<T>> partials, ArrayView<DeviceJacobian<T>> windowSums, MsmShape shape)
        where T : unmanaged where TF : struct, IDeviceField<T>
    {
        var acc = DeviceCurve.Infinity<T, TF>();
        int first = w * shape.Segments;
        for (int s = 0; s < shape.Segments; s++) acc = DeviceCurve.Add<T, TF>(acc, partials[first + s]);
        windowSums[w] = acc;
    }
}
