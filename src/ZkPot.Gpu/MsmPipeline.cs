using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu;

/// <summary>
/// Launches the <see cref="MsmKernels"/> for one curve (element type T, field TF, point layout TL) and returns the
/// per-window sums; the scalar-side kernels, which do not depend on the curve, are shared through
/// <see cref="MsmScalarKernels"/>.
/// </summary>
internal sealed class MsmPipeline<T, TF, TL>
    where T : unmanaged where TF : struct, IDeviceField<T> where TL : struct, IAffineLayout<T>
{
    readonly Accelerator _accelerator;
    readonly MsmScalarKernels _scalars;
    readonly Action<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<DeviceJacobian<T>>, MsmShape> _accumulate;
    readonly Action<Index1D, ArrayView<DeviceJacobian<T>>, ArrayView<DeviceJacobian<T>>, MsmShape> _reduce;
    readonly Action<Index1D, ArrayView<DeviceJacobian<T>>, ArrayView<DeviceJacobian<T>>, MsmShape> _sumWindows;

    public MsmPipeline(Accelerator accelerator, MsmScalarKernels scalars)
    {
        _accelerator = accelerator;
        _scalars = scalars;
        _accumulate = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<ulong>, ArrayView<int>, ArrayView<int>, ArrayView<int>, ArrayView<DeviceJacobian<T>>, MsmShape>(
            MsmKernels.AccumulateBuckets<T, TF, TL>);
        _reduce = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<DeviceJacobian<T>>, ArrayView<DeviceJacobian<T>>, MsmShape>(
            MsmKernels.ReduceSegments<T, TF>);
        _sumWindows = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<DeviceJacobian<T>>, ArrayView<DeviceJacobian<T>>, MsmShape>(
            MsmKernels.SumWindows<T, TF>);
    }

    /// <summary>The weighted bucket sum of every window for points already on the device; the caller holds the device's gate.</summary>
    public DeviceJacobian<T>[] WindowSums(ArrayView<ulong> points, ReadOnlySpan<Fr> scalars, MsmShape shape)
    {
        var a = _accelerator;
        using var scalarWords = a.Allocate1D<Word256>(shape.Count);
        scalarWords.AsContiguous().CopyFromCPU(MemoryMarshal.Cast<Fr, Word256>(scalars));
        using var digits = a.Allocate1D<int>(shape.DigitSlots);
        using var entries = a.Allocate1D<int>(shape.DigitSlots);
        using var counts = a.Allocate1D<int>(shape.BucketSlots);
        using var offsets = a.Allocate1D<int>(shape.BucketSlots);
        using var cursors = a.Allocate1D<int>(shape.BucketSlots);
        using var chunkTotals = a.Allocate1D<int>(shape.BucketSlots / shape.ScanChunk);
        using var buckets = a.Allocate1D<DeviceJacobian<T>>(shape.BucketSlots);
        using var partials = a.Allocate1D<DeviceJacobian<T>>(shape.Windows * shape.Segments);
        using var windowSums = a.Allocate1D<DeviceJacobian<T>>(shape.Windows);
        counts.MemSetToZero();

        _scalars.Sort(scalarWords.View, digits.View, entries.View, counts.View, offsets.View, cursors.View, chunkTotals.View, shape);
        _accumulate(shape.BucketSlots, points, entries.View, offsets.View, counts.View, buckets.View, shape);
        _reduce(shape.Windows * shape.Segments, buckets.View, partials.View, shape);
        _sumWindows(shape.Windows, partials.View, windowSums.View, shape);
        a.Synchronize();
        return windowSums.GetAsArray1D();
    }
}
