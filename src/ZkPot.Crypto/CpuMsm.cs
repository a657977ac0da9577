using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ZkPot.Crypto;

/// <summary>
/// Pippenger multi-scalar multiplication on the CPU: signed-digit windows (2^(c-1) buckets each), batch-affine
/// bucket accumulation, running-sum reduction, windows combined by doubling. Work is split into (window, chunk of
/// points) tasks so it spreads over as many threads as there are windows, or more.
/// </summary>
public sealed unsafe class CpuMsm : IMsm
{
    readonly ParallelOptions _options;

    /// <summary>An MSM that uses at most <paramref name="maxThreads"/> threads (0: one per processor).</summary>
    public CpuMsm(int maxThreads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxThreads);
        _options = new ParallelOptions { MaxDegreeOfParallelism = maxThreads > 0 ? maxThreads : Environment.ProcessorCount };
    }

    /// <summary>A shared instance using every processor; the class holds no mutable state, so sharing is safe.</summary>
    public static CpuMsm Shared { get; } = new();

    public G1Jacobian MultiExp(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars)
    {
        var beta = Glv.BetaG1;
        var sum = RunSplittingOnes(MemoryMarshal.Cast<G1Affine, AffinePoint<MsmField<PModulus>>>(points), scalars,
            Unsafe.As<Fp, MsmField<PModulus>>(ref beta));
        return Unsafe.As<JacobianPoint<MsmField<PModulus>>, G1Jacobian>(ref sum);
    }

    public G2Jacobian MultiExp(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars)
    {
        var beta = Glv.BetaG2;
        var sum = RunSplittingOnes(MemoryMarshal.Cast<G2Affine, AffinePoint<MsmFp2>>(points), scalars,
            new MsmFp2(Unsafe.As<Fp, MsmField<PModulus>>(ref beta), MsmField<PModulus>.Zero));
        return Unsafe.As<JacobianPoint<MsmFp2>, G2Jacobian>(ref sum);
    }

    /// <summary>
    /// A prover's scalars are mostly bits (range-check digits, booleans): when at least a quarter of them are 0 or 1,
    /// the points with scalar 1 are summed directly (one mixed addition each), those with 0 are dropped, and Pippenger
    /// runs on the rest alone, with the window its own size asks for. Otherwise the bits would still cost every
    /// window's bucket reduction: the accuracy circuit's A query (330k wires, two thirds 0 or 1) took 0.32 s, of which
    /// its few thousand wide scalars need a tenth.
    /// </summary>
    JacobianPoint<F> RunSplittingOnes<F>(ReadOnlySpan<AffinePoint<F>> points, ReadOnlySpan<Fr> scalars, F beta)
        where F : unmanaged, IField<F>
    {
        if (points.Length != scalars.Length)
            throw new ArgumentException($"MSM needs one scalar per point: {points.Length} points, {scalars.Length} scalars", nameof(scalars));
        int n = points.Length;
        int ones = 0, zeros = 0;
        for (int i = 0; i < n; i++)
        {
            if (scalars[i].IsZero) zeros++;
            else if (scalars[i].IsOne) ones++;
        }
        if ((ones + zeros) * 4L < n)
            return Run(points, scalars, WindowBits(n, UseGlv(n)), UseGlv(n), beta);
        int rest = n - ones - zeros;
        var restPoints = ArrayPool<AffinePoint<F>>.Shared.Rent(Math.Max(rest, 1));
        var restScalars = ArrayPool<Fr>.Shared.Rent(Math.Max(rest, 1));
        var onePoints = ArrayPool<AffinePoint<F>>.Shared.Rent(Math.Max(ones, 1));
        try
        {
            for (int i = 0, r = 0, o = 0; i < n; i++)
            {
                if (scalars[i].IsZero) continue;
                if (scalars[i].IsOne) onePoints[o++] = points[i];
                else { restPoints[r] = points[i]; restScalars[r++] = scalars[i]; }
            }
            var sum = Sum(onePoints.AsSpan(0, ones));
            return rest == 0 ? sum : sum.Add(Run(restPoints.AsSpan(0, rest), restScalars.AsSpan(0, rest), WindowBits(rest, UseGlv(rest)), UseGlv(rest), beta));
        }
        finally
        {
            ArrayPool<AffinePoint<F>>.Shared.Return(restPoints);
            ArrayPool<Fr>.Shared.Return(restScalars);
            ArrayPool<AffinePoint<F>>.Shared.Return(onePoints);
        }
    }

    /// <summary>
    /// The plain sum of affine points, in chunks over the threads. A large chunk goes round-robin into 1,024 batch-affine
    /// accumulators (consecutive points never share one, so batches of 256 fill without deferrals: about 6 products per
    /// addition instead of a mixed Jacobian addition's 11), which are then added up.
    /// </summary>
    JacobianPoint<F> Sum<F>(ReadOnlySpan<AffinePoint<F>> points) where F : unmanaged, IField<F>
    {
        const int Accumulators = 1024, Batch = 256;
        int n = points.Length;
        int chunks = n < 4096 ? 1 : _options.MaxDegreeOfParallelism;
        var partial = new JacobianPoint<F>[chunks];
        fixed (AffinePoint<F>* pp = points)
        {
            AffinePoint<F>* pts = pp;
            For(chunks, k =>
            {
                int from = (int)((long)n * k / chunks), to = (int)((long)n * (k + 1) / chunks);
                var total = JacobianPoint<F>.Infinity;
                if (to - from < 4 * Accumulators)
                {
                    for (int i = from; i < to; i++) total = total.AddMixed(pts[i]);
                    partial[k] = total;
                    return;
                }
                var acc = new MsmAccumulator<F>(Accumulators, Batch);
                acc.Reset(Accumulators, Batch);
                for (int i = from, target = 0; i < to; i++)
                {
                    if (pts[i].IsInfinity) continue;
                    acc.Add(target, new MsmAccumulator<F>.Slot { X = pts[i].X, Y = pts[i].Y });
                    target = target == Accumulators - 1 ? 0 : target + 1;
                }
                acc.Finish();
                for (int t = 0; t < Accumulators; t++)
                {
                    if (acc.TryGetAffine(t, out var slot)) total = total.AddMixed(new AffinePoint<F>(slot.X, slot.Y));
                    if (acc.TryGetOverflow(t, out var overflow)) total = total.Add(overflow);
                }
                partial[k] = total;
            });
        }
        var sum = JacobianPoint<F>.Infinity;
        foreach (var p in partial) sum = sum.Add(p);
        return sum;
    }

    /// <summary>The G1 sum with an explicit window width c in 1..20, whole scalars or GLV halves (for tuning and tests).</summary>
    public G1Jacobian MultiExp(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars, int windowBits, bool glv = false)
    {
        // Same layout and values, faster multiplication: see MsmField.
        var beta = Glv.BetaG1;
        var sum = Run(MemoryMarshal.Cast<G1Affine, AffinePoint<MsmField<PModulus>>>(points), scalars, windowBits, glv,
            Unsafe.As<Fp, MsmField<PModulus>>(ref beta));
        return Unsafe.As<JacobianPoint<MsmField<PModulus>>, G1Jacobian>(ref sum);
    }

    /// <summary>The G2 sum with an explicit window width c in 1..20, whole scalars or GLV halves (for tuning and tests).</summary>
    public G2Jacobian MultiExp(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars, int windowBits, bool glv = false)
    {
        var beta = Glv.BetaG2;
        var sum = Run(MemoryMarshal.Cast<G2Affine, AffinePoint<MsmFp2>>(points), scalars, windowBits, glv,
            new MsmFp2(Unsafe.As<Fp, MsmField<PModulus>>(ref beta), MsmField<PModulus>.Zero));
        return Unsafe.As<JacobianPoint<MsmFp2>, G2Jacobian>(ref sum);
    }

    /// <summary>
    /// Whether n points go through the GLV split (see <see cref="Glv"/>): 2n points with 128-bit digits instead of n
    /// with 255-bit ones. The bucket additions stay about the same, (255 / c) n either way, but there are half as
    /// many windows to reduce, and the reduction's small batches pay the most per addition for their inversion.
    /// Measured (native build, two threads, best window each): below 2^16 points the split is faster, G1 8.6 -> 5.7 ms
    /// at 2^10, 39.7 -> 30.8 ms at 2^14 (G2 106 -> 83 ms), 60 -> 56 ms at 2^15; from 2^16 up it gains nothing
    /// (105 ms either way at 2^16, 364 against 371 ms at 2^18, 1.25 against 1.28 s at 2^20) and would only cost the
    /// n extra points of phi. phi(P) = [lambda] P holds on G1 and on G2 proper (the order-r subgroup), the groups
    /// <see cref="IMsm"/> is defined on.
    /// </summary>
    public static bool UseGlv(int count) => count < 1 << 16;

    /// <summary>The nominal window width c for n points, whole scalars or GLV halves.</summary>
    public static int WindowBits(int count, bool glv) => glv ? WindowBits(2 * count) : WindowBits(count);

    /// <summary>
    /// The nominal window width c for n points. The cost is about (255 / c) * n bucket additions plus 2^(c-1) buckets
    /// per window to reduce. The table is the minimum of single-thread CPU time for G1 on the development machine
    /// (AMD EPYC, 1 MiB L2 per core) at n = 2^4 .. 2^20, where G2 had the same minimum at 2^16; above 2^20 it follows
    /// the trend of one more bit per factor four. Below c = 10 a window's buckets are too few for batch-affine
    /// additions and are added in Jacobian coordinates.
    /// </summary>
    public static int WindowBits(int count)
    {
        int log = count <= 1 ? 0 : BitOperations.Log2((uint)count);
        return log switch
        {
            <= 4 => 3,
            <= 10 => log - 2,
            11 => 10,
            12 => 11,
            <= 14 => 12,
            <= 16 => 13,
            <= 18 => 15,
            <= 20 => 16,
            <= 22 => 17,
            _ => 18,
        };
    }

    /// <summary>
    /// sum_i [scalars[i]] points[i] on an a = 0 curve over F, with window width c; with <paramref name="glv"/>, over
    /// points[i] and phi(points[i]) = (beta x, y) with the halves of each scalar's split.
    /// </summary>
    JacobianPoint<F> Run<F>(ReadOnlySpan<AffinePoint<F>> points, ReadOnlySpan<Fr> scalars, int windowBits, bool glv, F beta)
        where F : unmanaged, IField<F>
    {
        if (points.Length != scalars.Length)
            throw new ArgumentException($"MSM needs one scalar per point: {points.Length} points, {scalars.Length} scalars", nameof(scalars));
        if (windowBits < 1 || windowBits > MsmDigits.MaxWindowBits)
            throw new ArgumentOutOfRangeException(nameof(windowBits), windowBits, $"window width must be in 1..{MsmDigits.MaxWindowBits}");
        int n = points.Length;
        if (n == 0) return JacobianPoint<F>.Infinity;
        int c = windowBits;
        int bits = glv ? MsmDigits.GlvBits : MsmDigits.FullBits;
        int windows = MsmDigits.WindowCount(c, bits);
        // Window-major digits; with GLV each window holds the n digits of the first halves, then the n of the second.
        long stride = glv ? 2L * n : n;
        // Pooled: every entry is written before it is read, and fresh arrays would cost page faults at each call.
        var digits = ArrayPool<int>.Shared.Rent(checked((int)(windows * stride)));
        var endo = glv ? ArrayPool<AffinePoint<F>>.Shared.Rent(n) : null;
        int threads = _options.MaxDegreeOfParallelism;
        try
        {
            fixed (AffinePoint<F>* pp = points)
            fixed (AffinePoint<F>* ep = endo)
            fixed (Fr* sp = scalars)
            fixed (int* dp = digits)
            {
                AffinePoint<F>* pts = pp, end = ep;
                Fr* scs = sp;
                int* dgs = dp;

                int recodeChunks = n < 4096 ? 1 : 4 * threads;
                For(recodeChunks, k =>
                {
                    int from = (int)((long)n * k / recodeChunks), to = (int)((long)n * (k + 1) / recodeChunks);
                    if (!glv)
                    {
                        MsmDigits.Recode(pts, scs, dgs, n, c, from, to);
                        return;
                    }
                    for (int i = from; i < to; i++)
                        end[i] = pts[i].IsInfinity ? AffinePoint<F>.Infinity : new AffinePoint<F>(pts[i].X * beta, pts[i].Y);
                    MsmDigits.RecodeGlv(pts, scs, dgs, n, c, from, to);
                });

                // Enough tasks to occupy every thread, each over at least a few buckets' worth of points.
                int chunks = Math.Max(1, Math.Min((2 * threads + windows - 1) / windows, (int)(stride >> c)));
                var partial = new JacobianPoint<F>[windows * chunks];
                int maxBuckets = 1 << (MsmDigits.Width(c, 0, bits) - 1);
                var window = new WindowTasks<F>(pts, end, dgs, n, stride, c, bits, chunks);
                if (windows * chunks == 1 || threads == 1)
                {
                    var buckets = MsmBuckets<F>.Rent(maxBuckets);
                    for (int t = 0; t < windows * chunks; t++) partial[t] = window.Sum(buckets, t);
                    MsmBuckets<F>.Return(buckets);
                }
                else
                {
                    Parallel.For(0, windows * chunks, _options,
                        () => MsmBuckets<F>.Rent(maxBuckets),
                        (t, _, buckets) => { partial[t] = window.Sum(buckets, t); return buckets; },
                        MsmBuckets<F>.Return);
                }

                // Horner over the windows: acc = acc * 2^(width of the window below) + window sum.
                var acc = JacobianPoint<F>.Infinity;
                for (int w = windows - 1; w >= 0; w--)
                {
                    for (int i = MsmDigits.Width(c, w, bits); i > 0 && !acc.IsInfinity; i--) acc = acc.Double();
                    for (int k = 0; k < chunks; k++) acc = acc.Add(partial[w * chunks + k]);
                }
                return acc;
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(digits);
            if (endo is not null) ArrayPool<AffinePoint<F>>.Shared.Return(endo);
        }
    }

    /// <summary>Task t = (window w, chunk k of the points): that window's sum over the chunk (and its GLV half).</summary>
    readonly struct WindowTasks<F>(AffinePoint<F>* points, AffinePoint<F>* endo, int* digits, int n, long stride, int c, int bits, int chunks)
        where F : unmanaged, IField<F>
    {
        public JacobianPoint<F> Sum(MsmBuckets<F> buckets, int task)
        {
            int w = task / chunks, k = task % chunks;
            int from = (int)((long)n * k / chunks), to = (int)((long)n * (k + 1) / chunks);
            int* windowDigits = digits + w * stride;
            return buckets.WindowSum(points, windowDigits, endo, endo == null ? null : windowDigits + n, from, to,
                1 << (MsmDigits.Width(c, w, bits) - 1));
        }
    }

    void For(int count, Action<int> body)
    {
        if (count == 1 || _options.MaxDegreeOfParallelism == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, _options, body);
    }
}
