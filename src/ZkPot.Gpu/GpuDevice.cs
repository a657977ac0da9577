using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace ZkPot.Gpu;

/// <summary>
/// An ILGPU accelerator the GPU engines run on: a CUDA device, or ILGPU's CPU accelerator (which runs the same
/// kernels as .NET code, slowly, so kernels are tested without a GPU). Kernels on one device run one call at a time.
/// </summary>
public sealed class GpuDevice : IDisposable
{
    static readonly Lazy<string?> CudaName = new(FindCuda);

    readonly Context _context;

    GpuDevice(Context context, Accelerator accelerator)
    {
        _context = context;
        Accelerator = accelerator;
    }

    internal Accelerator Accelerator { get; }

    /// <summary>Serialises calls: an accelerator's default stream is shared by everyone holding this device.</summary>
    internal Lock Gate { get; } = new();

    /// <summary>What runs the kernels, e.g. "CUDA: NVIDIA H100 80GB HBM3" or "ILGPU CPU accelerator".</summary>
    public string Name => IsCuda ? $"CUDA: {Accelerator.Name}" : "ILGPU CPU accelerator";

    public bool IsCuda => Accelerator.AcceleratorType == AcceleratorType.Cuda;

    /// <summary>Whether a CUDA device (and driver) is present; checked once per process.</summary>
    public static bool CudaAvailable => CudaName.Value is not null;

    /// <summary>The first CUDA device; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    public static GpuDevice OpenCuda()
    {
        if (!CudaAvailable) throw new InvalidOperationException("no CUDA device found (no NVIDIA driver, or no GPU visible to this process)");
        var context = Context.Create(b => b.Cuda().Optimize(OptimizationLevel.O2));
        try
        {
            return new GpuDevice(context, context.CreateCudaAccelerator(0));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    /// <summary>ILGPU's CPU accelerator, one simulated multiprocessor per core: runs the kernels without a GPU.</summary>
    public static GpuDevice OpenCpu()
    {
        var device = new CPUDevice(4, 4, Environment.ProcessorCount);
        var context = Context.Create(b => b.CPU(device).Optimize(OptimizationLevel.O2));
        try
        {
            return new GpuDevice(context, context.CreateCPUAccelerator(0));
        }
        catch
        {
            context.Dispose();
            throw;
        }
    }

    static string? FindCuda()
    {
        try
        {
            using var context = Context.Create(b => b.Cuda());
            var devices = context.GetCudaDevices();
            return devices.Count > 0 ? devices[0].Name : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CudaException or TypeInitializationException or NotSupportedException)
        {
            // No driver library, or one too old for ILGPU: there is no usable CUDA device.
            return null;
        }
    }

    public void Dispose()
    {
        Accelerator.Dispose();
        _context.Dispose();
    }
}
