using System.Numerics;
using System.Runtime.InteropServices;
using ILGPU.Runtime;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu;

/// <summary>
/// Multi-scalar multiplication on an ILGPU accelerator by the bucket method: signed-digit windows, a counting sort of
/// points into buckets, one thread per bucket sum, running-sum reduction in parallel runs; the host combines the
/// window sums by doubling. Returns the same points as <see cref="CpuMsm"/> (compare with IsSamePoint or in affine
/// form: Jacobian coordinates of equal points may differ).
/// </summary>
public sealed class GpuMsm : IMsm
{
    readonly GpuDevice _device;
    readonly MsmScalarKernels _scalarKernels;
    readonly Lazy<MsmPipeline<Word256, DeviceFp, G1Layout>> _g1;
    readonly Lazy<MsmPipeline<Fp2Words, DeviceFp2, G2Layout>> _g2;

    /// <summary>An MSM on <paramref name="device"/>; the G1 and G2 kernels are compiled on first use.</summary>
    public GpuMsm(GpuDevice device)
    {
        PointLayout.EnsureSupported();
        _device = device;
        lock (device.Gate) _scalarKernels = new MsmScalarKernels(device.Accelerator);
        _g1 = new(() => new MsmPipeline<Word256, DeviceFp, G1Layout>(device.Accelerator, _scalarKernels));
        _g2 = new(() => new MsmPipeline<Fp2Words, DeviceFp2, G2Layout>(device.Accelerator, _scalarKernels));
    }

    /// <summary>
    /// Compiles the G1 and G2 kernels now rather than on first use (seconds on CUDA), so a host can warm up before
    /// its first proof and a benchmark times only the work.
    /// </summary>
    public void CompileKernels()
    {
        lock (_device.Gate)
        {
            _ = _g1.Value;
            _ = _g2.Value;
        }
    }

    /// <summary>
    /// The window width c for n points. The GPU sums buckets in parallel, so wide windows (fewer windows, more
    /// buckets) pay off sooner than on the CPU: 2^c buckets against about n points per window.
    /// </summary>
    public static int WindowBits(int count)
    {
        if (count < 2) return 4;
        return Math.Clamp(BitOperations.Log2((uint)count) - 6, 4, MsmShape.MaxWindowBits);
    }

    public G1Jacobian MultiExp(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars) =>
        MultiExp(points, scalars, WindowBits(points.Length));

    public G2Jacobian MultiExp(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars) =>
        MultiExp(points, scalars, WindowBits(points.Length));

    /// <summary>The G1 sum with an explicit window width c in 1..16 (for tuning and tests).</summary>
    public G1Jacobian MultiExp(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars, int windowBits)
    {
        CheckArguments(points.Length, scalars.Length, windowBits);
        if (points.Length == 0) return G1Jacobian.Infinity;
        using var bases = Upload(points);
        return MultiExp(bases, scalars, windowBits);
    }

    /// <summary>The G2 sum with an explicit window width c in 1..16 (for tuning and tests).</summary>
    public G2Jacobian MultiExp(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars, int windowBits)
    {
        CheckArguments(points.Length, scalars.Length, windowBits);
        if (points.Length == 0) return G2Jacobian.Infinity;
        using var bases = Upload(points);
        return MultiExp(bases, scalars, windowBits);
    }

    /// <summary>Copies G1 points to the device once, for repeated <see cref="MultiExp(DeviceBases{G1Affine}, ReadOnlySpan{Fr}, int)"/>.</summary>
    public DeviceBases<G1Affine> Upload(ReadOnlySpan<G1Affine> points) => Upload(points, G1Layout.Words);

    /// <summary>Copies G2 points to the device once.</summary>
    public DeviceBases<G2Affine> Upload(ReadOnlySpan<G2Affine> points) => Upload(points, G2Layout.Words);

    /// <summary>sum_i [scalars[i]] bases[i] in G1 for points already on the device; windowBits 0 picks the default.</summary>
    public G1Jacobian MultiExp(DeviceBases<G1Affine> bases, ReadOnlySpan<Fr> scalars, int windowBits = 0)
    {
        var shape = Shape(bases, scalars, windowBits);
        if (shape.Count == 0) return G1Jacobian.Infinity;
        DeviceJacobian<Word256>[] sums;
        lock (_device.Gate) sums = _g1.Value.WindowSums(bases.Words, scalars, shape);
        var host = new G1Jacobian[sums.Length];
        for (int w = 0; w < sums.Length; w++) host[w] = new G1Jacobian(ToFp(sums[w].X), ToFp(sums[w].Y), ToFp(sums[w].Z));
        return Combine(host, shape.WindowBits);
    }

    /// <summary>sum_i [scalars[i]] bases[i] in G2 for points already on the device; windowBits 0 picks the default.</summary>
    public G2Jacobian MultiExp(DeviceBases<G2Affine> bases, ReadOnlySpan<Fr> scalars, int windowBits = 0)
    {
        var shape = Shape(bases, scalars, windowBits);
        if (shape.Count == 0) return G2Jacobian.Infinity;
        DeviceJacobian<Fp2Words>[] sums;
        lock (_device.Gate) sums = _g2.Value.WindowSums(bases.Words, scalars, shape);
        var host = new G2Jacobian[sums.Length];
        for (int w = 0; w < sums.Length; w++) host[w] = new G2Jacobian(ToFp2(sums[w].X), ToFp2(sums[w].Y), ToFp2(sums[w].Z));
        return Combine(host, shape.WindowBits);
    }

    DeviceBases<TAffine> Upload<TAffine>(ReadOnlySpan<TAffine> points, int wordsPerPoint) where TAffine : unmanaged
    {
        lock (_device.Gate)
        {
            var words = _device.Accelerator.Allocate1D<ulong>(Math.Max(1L, (long)points.Length * wordsPerPoint));
            if (points.Length > 0) words.AsContiguous().SubView(0, (long)points.Length * wordsPerPoint).CopyFromCPU(MemoryMarshal.Cast<TAffine, ulong>(points));
            return new DeviceBases<TAffine>(_device, words, points.Length);
        }
    }

    MsmShape Shape<TAffine>(DeviceBases<TAffine> bases, ReadOnlySpan<Fr> scalars, int windowBits) where TAffine : unmanaged
    {
        if (bases.Device != _device) throw new ArgumentException("the bases were uploaded to another GPU device", nameof(bases));
        if (windowBits == 0) windowBits = WindowBits(bases.Count);
        CheckArguments(bases.Count, scalars.Length, windowBits);
        if ((long)MsmShape.WindowCount(windowBits) * bases.Count > int.MaxValue)
            throw new ArgumentException($"{bases.Count} points with {windowBits}-bit windows need more than 2^31 digit slots; use wider windows", nameof(windowBits));
        return new MsmShape(bases.Count, windowBits);
    }

    static void CheckArguments(int points, int scalars, int windowBits)
    {
        if (points != scalars)
            throw new ArgumentException($"MSM needs one scalar per point: {points} points, {scalars} scalars", nameof(scalars));
        if (windowBits < 1 || windowBits > MsmShape.MaxWindowBits)
            throw new ArgumentOutOfRangeException(nameof(windowBits), windowBits, $"window width must be in 1..{MsmShape.MaxWindowBits}");
    }

    /// <summary>Horner over the windows from the top: acc = acc * 2^(width of window w) + S_w.</summary>
    static JacobianPoint<F> Combine<F>(JacobianPoint<F>[] windowSums, int c) where F : struct, IField<F>
    {
        var acc = JacobianPoint<F>.Infinity;
        for (int w = windowSums.Length - 1; w >= 0; w--)
        {
            for (int i = MsmShape.Width(c, w); i > 0 && !acc.IsInfinity; i--) acc = acc.Double();
            acc = acc.Add(windowSums[w]);
        }
        return acc;
    }

    static Fp ToFp(Word256 w) => Fp.FromMontgomery(w.L0, w.L1, w.L2, w.L3);

    static Fp2 ToFp2(Fp2Words w) => new(ToFp(w.C0), ToFp(w.C1));
}
