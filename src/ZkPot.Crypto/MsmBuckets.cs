using System.Collections.Concurrent;
using System.Numerics;

namespace ZkPot.Crypto;

/// <summary>
/// One thread's work on a Pippenger window: its points added into 2^(b-1) buckets by their signed digits, then the
/// buckets reduced to sum_k (k + 1) * bucket_k. One instance per thread, reused across windows.
/// </summary>
internal sealed unsafe class MsmBuckets<F> where F : unmanaged, IField<F>
{
    /// <summary>Large enough to amortise the inversion (~380 multiplications), small enough to stay in L1/L2.</summary>
    const int MaxBatch = 2048;

    readonly MsmAccumulator<F> _buckets;
    readonly MsmAccumulator<F> _sums;

    /// <summary>
    /// Instances left by earlier MSMs, at most one per processor. A fresh instance's arrays (about 1 MiB for G1 at
    /// 2^14 points, 12 MiB for G2 at 2^20) cost page faults and zeroing at first touch: each MSM of a 2^14 proof took
    /// 10-25 % longer than the same MSM repeated.
    /// </summary>
    static readonly ConcurrentBag<MsmBuckets<F>> Pool = [];

    /// <summary>An instance for windows of up to <paramref name="maxBuckets"/> buckets, from the pool when one is large enough.</summary>
    public static MsmBuckets<F> Rent(int maxBuckets)
    {
        while (Pool.TryTake(out var pooled))
            if (pooled.MaxBuckets >= maxBuckets) return pooled;
        return new MsmBuckets<F>(maxBuckets);
    }

    public static void Return(MsmBuckets<F> buckets)
    {
        if (Pool.Count < Environment.ProcessorCount) Pool.Add(buckets);
    }

    /// <summary>The most buckets a window may have.</summary>
    public int MaxBuckets { get; }

    /// <summary>Room for windows of up to <paramref name="maxBuckets"/> buckets (a power of two).</summary>
    public MsmBuckets(int maxBuckets)
    {
        MaxBuckets = maxBuckets;
        _buckets = new MsmAccumulator<F>(maxBuckets, Capacity(maxBuckets));
        var (low, high) = Split(maxBuckets);
        // A window with fewer buckets keeps no more sums: copies * width is at most max(512, width).
        int sums = Math.Max(MaxReductionBatch, low + high);
        _sums = new MsmAccumulator<F>(sums, sums);
    }

    /// <summary>A batch fills to at most a quarter of the buckets: with more, too many points would find their bucket waiting.</summary>
    static int Capacity(int buckets) => Math.Clamp(buckets / 4, 1, MaxBatch);

    /// <summary>The reduction's batches hold up to this many additions when the buckets are few (see <see cref="Copies"/>).</summary>
    const int MaxReductionBatch = 512;

    /// <summary>
    /// Copies of the partial sums the reduction keeps, a power of two, so that a batch holds that many rows and columns,
    /// up to <see cref="MaxReductionBatch"/> additions. One row and one column alone (low + high, 96 to 128 for the
    /// windows of a 2^14 MSM) paid nearly as much for the batch's inversion as for its additions.
    /// </summary>
    static int Copies(int width) => width >= MaxReductionBatch ? 1 : 1 << BitOperations.Log2((uint)(MaxReductionBatch / width));

    /// <summary>Bucket index k = h * low + l with l &lt; low, h &lt; high, low = 2^floor(log2(count) / 2).</summary>
    static (int Low, int High) Split(int count)
    {
        int lowBits = BitOperations.Log2((uint)count) / 2;
        return (1 << lowBits, count >> lowBits);
    }

    /// <summary>
    /// sum_k (k + 1) * bucket_k after adding points [from, to) by their digits of one window of
    /// <paramref name="bucketCount"/> buckets (a power of two, at most the count this was built for), and the same
    /// range of <paramref name="endo"/> by <paramref name="endoDigits"/> when given (the GLV half).
    /// </summary>
    public JacobianPoint<F> WindowSum(AffinePoint<F>* points, int* digits, AffinePoint<F>* endo, int* endoDigits, int from, int to, int bucketCount)
    {
        _buckets.Reset(bucketCount, Capacity(bucketCount));
        AddAll(points, digits, from, to);
        if (endo != null) AddAll(endo, endoDigits, from, to);
        _buckets.Finish();
        return Reduce(bucketCount);
    }

    void AddAll(AffinePoint<F>* points, int* digits, int from, int to)
    {
        for (int i = from; i < to; i++)
        {
            int d = digits[i];
            if (d == 0) continue;
            AffinePoint<F>* p = points + i;
            var point = new MsmAccumulator<F>.Slot { X = p->X, Y = d < 0 ? -p->Y : p->Y };
            _buckets.Add((d < 0 ? -d : d) - 1, point);
        }
    }

    /// <summary>
    /// sum_k (k + 1) B_k. With k = h L + l, (k + 1) = (l + 1) + h L, so the sum is
    /// sum_l (l + 1) S_l + L sum_h h T_h with S_l = sum_h B_{hL+l} and T_h = sum_l B_{hL+l}: every bucket is added twice,
    /// by batch-affine additions (~2 x 7 multiplications), and only the ~2 sqrt(count) partial sums go through the
    /// Jacobian running sums that would otherwise cost ~27 multiplications per bucket.
    /// </summary>
    JacobianPoint<F> Reduce(int count)
    {
        var (low, high) = Split(count);
        int width = low + high;
        if (width < MsmAccumulator<F>.MinBatch) return WeightedSum(_buckets, 0, count);
        int copies = Math.Min(Copies(width), Math.Max(low, high));
        _sums.Reset(copies * width, copies * width);
        // Row i (bucket i*L + l into S_l) and column i (bucket h*L + i into T_h) go into copy i mod copies of the
        // partial sums: the rows and columns of `copies` consecutive i hit distinct sums, so each batch is that many
        // rows and columns, applied before the next, and no addition waits or overflows.
        for (int i = 0; i < Math.Max(low, high); i++)
        {
            int copy = (i % copies) * width;
            if (i < high)
                for (int l = 0; l < low; l++) AddBucket(_buckets, i * low + l, copy + l);
            if (i < low)
                for (int h = 0; h < high; h++) AddBucket(_buckets, h * low + i, copy + low + h);
            if (i % copies == copies - 1) _sums.Finish();
        }
        _sums.Finish();
        // The copies fold pairwise into copy 0, each round one batch.
        for (int step = 1; step < copies; step *= 2)
        {
            for (int j = 0; j + step < copies; j += 2 * step)
                for (int t = 0; t < width; t++) AddBucket(_sums, (j + step) * width + t, j * width + t);
            _sums.Finish();
        }
        var lowPart = WeightedSum(_sums, 0, low);
        // sum_{h >= 1} h T_h = sum_{i >= 0} (i + 1) T_{i+1}, then times L = 2^lowBits.
        var highPart = WeightedSum(_sums, low + 1, high - 1);
        for (int k = low; k > 1 && !highPart.IsInfinity; k >>= 1) highPart = highPart.Double();
        return lowPart.Add(highPart);
    }

    /// <summary>_sums[target] += from[source], its affine and its Jacobian part.</summary>
    void AddBucket(MsmAccumulator<F> from, int source, int target)
    {
        if (from.TryGetAffine(source, out var affine)) _sums.Add(target, affine);
        if (from.TryGetOverflow(source, out var overflow)) _sums.AddJacobian(target, overflow);
    }

    /// <summary>Running-sum reduction: sum_{i &lt; count} (i + 1) * acc[offset + i], two additions per entry.</summary>
    static JacobianPoint<F> WeightedSum(MsmAccumulator<F> acc, int offset, int count)
    {
        var running = JacobianPoint<F>.Infinity;
        var total = JacobianPoint<F>.Infinity;
        for (int i = count - 1; i >= 0; i--)
        {
            if (acc.TryGetAffine(offset + i, out var affine)) running = running.AddMixed(new AffinePoint<F>(affine.X, affine.Y));
            if (acc.TryGetOverflow(offset + i, out var overflow)) running = running.Add(overflow);
            total = total.Add(running);
        }
        return total;
    }
}
