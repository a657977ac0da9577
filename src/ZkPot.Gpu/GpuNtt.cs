using System.Runtime.InteropServices;
using ILGPU;
using ILGPU.Runtime;
using ZkPot.Gpu.Device;

namespace ZkPot.Gpu;

/// <summary>
/// Radix-2 NTT over Fr on an ILGPU accelerator, the same steps as <see cref="CpuNtt"/> (bit reversal, decimation-in-
/// time stages, i -> n - i reversal for the inverse, one scaling pass for 1/n and coset powers) with the same
/// roots, so its outputs equal CpuNtt's element for element. The twiddle table stays on the device and grows to the
/// largest domain seen.
/// </summary>
public sealed class GpuNtt : INtt, IDisposable
{
    /// <summary>Elements per scaling thread: one exponentiation seeds a run of this many products.</summary>
    const int ScaleChunk = 16;

    readonly GpuDevice _device;
    readonly Action<Index1D, ArrayView<Word256>, int> _bitReverse;
    readonly Action<Index1D, ArrayView<Word256>, ArrayView<Word256>, int> _butterfly;
    readonly Action<Index1D, ArrayView<Word256>, int> _reverseTail;
    readonly Action<Index1D, ArrayView<Word256>, Word256, Word256, int> _scale;
    readonly Action<Index1D, ArrayView<Word256>, Word256, int> _topTwiddles;
    readonly Action<Index1D, ArrayView<Word256>, int> _lowerTwiddles;
    MemoryBuffer1D<Word256, Stride1D.Dense>? _twiddles;
    int _twiddleLog = -1;

    /// <summary>An NTT on <paramref name="device"/>; its kernels are compiled here.</summary>
    public GpuNtt(GpuDevice device)
    {
        _device = device;
        var a = device.Accelerator;
        lock (device.Gate)
        {
            _bitReverse = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, int>(NttKernels.BitReverse);
            _butterfly = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, ArrayView<Word256>, int>(NttKernels.Butterfly);
            _reverseTail = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, int>(NttKernels.ReverseTail);
            _scale = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, Word256, Word256, int>(NttKernels.ScaleByPowers);
            _topTwiddles = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, Word256, int>(NttKernels.TopTwiddles);
            _lowerTwiddles = a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<Word256>, int>(NttKernels.LowerTwiddles);
        }
    }

    public void Forward(Span<Fr> values) => Run(values, (view, log) => Transform(view, log));

    public void Inverse(Span<Fr> values) => Run(values, (view, log) =>
    {
        Transform(view, log);
        ReverseTail(view, log);
        Scale(view, log, Fr.One, SizeInverse(log));
    });

    public void ForwardOnCoset(Span<Fr> values, in Fr shift)
    {
        var s = shift;
        Run(values, (view, log) =>
        {
            Scale(view, log, s, Fr.One);
            Transform(view, log);
        });
    }

    public void InverseOnCoset(Span<Fr> values, in Fr shift)
    {
        if (shift.IsZero) throw new ArgumentException("coset shift must be nonzero", nameof(shift));
        var inverse = shift.Inverse();
        Run(values, (view, log) =>
        {
            Transform(view, log);
            ReverseTail(view, log);
            Scale(view, log, inverse, SizeInverse(log));
        });
    }

    public void ToOddCoset(Span<Fr> evaluations)
    {
        int log = NttRoots.LogSize(evaluations.Length, nameof(evaluations));
        if (log >= NttRoots.TwoAdicity)
            throw new ArgumentException($"the odd coset of a domain of size 2^{log} needs 2^{log + 1}-th roots of unity, beyond Fr's 2^{NttRoots.TwoAdicity}", nameof(evaluations));
        Run(evaluations, (view, l) =>
        {
            Transform(view, l);
            ReverseTail(view, l);
            // The 1/n of the inverse and the coset powers w_2n^i share one pass, as in CpuNtt.
            Scale(view, l, NttRoots.Root(l + 1), SizeInverse(l));
            Transform(view, l);
        });
    }

    /// <summary>Uploads, runs the steps under the device gate, downloads into the same span.</summary>
    void Run(Span<Fr> values, Action<ArrayView<Word256>, int> steps)
    {
        int log = NttRoots.LogSize(values.Length, nameof(values));
        var words = MemoryMarshal.Cast<Fr, Word256>(values);
        lock (_device.Gate)
        {
            using var buffer = _device.Accelerator.Allocate1D<Word256>(values.Length);
            buffer.AsContiguous().CopyFromCPU((ReadOnlySpan<Word256>)words);
            steps(buffer.View, log);
            _device.Accelerator.Synchronize();
            buffer.AsContiguous().CopyToCPU(words);
        }
    }

    void Transform(ArrayView<Word256> values, int log)
    {
        if (log == 0) return;
        var twiddles = Twiddles(log);
        _bitReverse(1 << log, values, log);
        for (int s = 0; s < log; s++) _butterfly(1 << (log - 1), values, twiddles, s);
    }

    void ReverseTail(ArrayView<Word256> values, int log)
    {
        int pairs = (1 << log) / 2 - 1;
        if (pairs > 0) _reverseTail(pairs, values, 1 << log);
    }

    void Scale(ArrayView<Word256> values, int log, Fr factor, Fr start)
    {
        int n = 1 << log;
        int chunk = Math.Min(ScaleChunk, n);
        _scale(n / chunk, values, ToWords(factor), ToWords(start), chunk);
    }

    /// <summary>The table for domains up to 2^log, built once per size increase; callers hold the gate.</summary>
    ArrayView<Word256> Twiddles(int log)
    {
        if (_twiddles is not null && _twiddleLog >= log) return _twiddles.View;
        _twiddles?.Dispose();
        int n = 1 << log, half = n / 2;
        var table = _device.Accelerator.Allocate1D<Word256>(n);
        table.MemSetToZero();
        _topTwiddles(half, table.View, ToWords(NttRoots.Root(log)), half);
        if (half > 1) _lowerTwiddles(half - 1, table.View, half);
        _twiddles = table;
        _twiddleLog = log;
        return table.View;
    }

    static Fr SizeInverse(int log) => Fr.FromUInt64(1UL << log).Inverse();

    static Word256 ToWords(Fr x)
    {
        x.ToMontgomery(out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        return new Word256(l0, l1, l2, l3);
    }

    public void Dispose()
    {
        lock (_device.Gate)
        {
            _twiddles?.Dispose();
            _twiddles = null;
        }
    }
}
