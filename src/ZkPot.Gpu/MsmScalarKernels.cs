using ILGPU;
using ILGPU.Runtime;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu;

/// <summary>
/// The curve-independent half of the GPU MSM: signed-digit recoding and a counting sort of point indices by bucket
/// (histogram, two-level prefix sum, scatter), loaded once per device and shared by G1 and G2.
/// </summary>
internal sealed class MsmScalarKernels
{
    readonly Action<Index1D, ArrayView<Word256>, ArrayView<int>, ArrayView<int>, MsmShape> _recode;
    readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int> _scanChunks;
    readonly Action<Index1D, ArrayView<int>, int> _scanChunkTotals;
    readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int> _addChunkBases;
    readonly Action<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, MsmShape> _scatter;

    public MsmScalarKernels(Accelerator accelerator)
    {
        _recode = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, ArrayView<int>, ArrayView<int>, MsmShape>(MsmKernels.Recode);
        _scanChunks = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>(MsmKernels.ScanChunks);
        _scanChunkTotals = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, int>(MsmKernels.ScanChunkTotals);
        _addChunkBases = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, int>(MsmKernels.AddChunkBases);
        _scatter = accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<int>, ArrayView<int>, MsmShape>(MsmKernels.Scatter);
    }

    /// <summary>
    /// Fills <paramref name="entries"/> with the (signed) point indices of every window grouped by bucket, and
    /// <paramref name="counts"/> (zeroed by the caller) and <paramref name="offsets"/> with each bucket's run.
    /// </summary>
    public void Sort(ArrayView<Word256> scalars, ArrayView<int> digits, ArrayView<int> entries, ArrayView<int> counts,
        ArrayView<int> offsets, ArrayView<int> cursors, ArrayView<int> chunkTotals, MsmShape shape)
    {
        _recode(shape.Count, scalars, digits, counts, shape);
        _scanChunks(shape.BucketSlots / shape.ScanChunk, counts, offsets, chunkTotals, shape.ScanChunk);
        _scanChunkTotals(shape.Windows, chunkTotals, shape.Buckets / shape.ScanChunk);
        _addChunkBases(shape.BucketSlots, offsets, cursors, chunkTotals, shape.ScanChunk);
        _scatter(shape.DigitSlots, digits, cursors, entries, shape);
    }
}
