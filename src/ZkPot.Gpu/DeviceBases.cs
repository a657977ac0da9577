using ILGPU;
using ILGPU.Runtime;

namespace ZkPot.Gpu;

/// <summary>
/// MSM base points held in device memory (G1Affine or G2Affine, as the host lays them out), so a key's points are
/// uploaded once and reused by many multi-exponentiations. Made by <see cref="GpuMsm.Upload(ReadOnlySpan{G1Affine})"/>.
/// </summary>
public sealed class DeviceBases<TAffine> : IDisposable where TAffine : unmanaged
{
    readonly MemoryBuffer1D<ulong, Stride1D.Dense> _words;

    internal DeviceBases(GpuDevice device, MemoryBuffer1D<ulong, Stride1D.Dense> words, int count)
    {
        Device = device;
        _words = words;
        Count = count;
    }

    internal GpuDevice Device { get; }

    internal ArrayView<ulong> Words => _words.View;

    /// <summary>The number of points.</summary>
    public int Count { get; }

    public void Dispose() => _words.Dispose();
}
