namespace ZkPot.Gpu;

/// <summary>
/// The MSM and NTT a prover uses, picked by <see cref="EngineKind"/>: CUDA when asked for (or, with Auto, when a
/// device is present), otherwise the CPU code. Owns the GPU device it opened; dispose it when done.
/// </summary>
public sealed class ProverEngine : IDisposable
{
    readonly GpuDevice? _device;
    readonly GpuNtt? _gpuNtt;

    ProverEngine(EngineKind kind, IMsm msm, INtt ntt, string description, GpuDevice? device, GpuNtt? gpuNtt)
    {
        Kind = kind;
        Msm = msm;
        Ntt = ntt;
        Description = description;
        _device = device;
        _gpuNtt = gpuNtt;
    }

    /// <summary>The engine actually chosen: never <see cref="EngineKind.Auto"/>.</summary>
    public EngineKind Kind { get; }

    public IMsm Msm { get; }

    public INtt Ntt { get; }

    /// <summary>For logs: "cpu (N threads)", "CUDA: device name" or "ILGPU CPU accelerator".</summary>
    public string Description { get; }

    /// <summary>The command-line names of the engines, in the order <see cref="Parse"/> lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["cpu", "gpu", "auto", "ilgpu-cpu"];

    /// <summary>Parses "cpu", "gpu", "auto" or "ilgpu-cpu".</summary>
    public static EngineKind Parse(string name) => name switch
    {
        "cpu" => EngineKind.Cpu,
        "gpu" => EngineKind.Gpu,
        "auto" => EngineKind.Auto,
        "ilgpu-cpu" => EngineKind.IlgpuCpu,
        _ => throw new ArgumentException($"unknown engine '{name}'; engines: {string.Join(", ", Names)}", nameof(name)),
    };

    /// <summary>
    /// Opens the engine, its kernels compiled (seconds for a GPU engine); <see cref="EngineKind.Gpu"/> without a CUDA device throws <see cref="InvalidOperationException"/>
    /// (check <see cref="GpuDevice.CudaAvailable"/> first to report it your own way).
    /// </summary>
    public static ProverEngine Create(EngineKind kind)
    {
        if (kind == EngineKind.Auto) kind = GpuDevice.CudaAvailable ? EngineKind.Gpu : EngineKind.Cpu;
        if (kind == EngineKind.Cpu)
            return new ProverEngine(kind, CpuMsm.Shared, CpuNtt.Shared, $"cpu ({Environment.ProcessorCount} threads)", null, null);
        var device = kind == EngineKind.Gpu ? GpuDevice.OpenCuda() : GpuDevice.OpenCpu();
        try
        {
            var ntt = new GpuNtt(device);
            var msm = new GpuMsm(device);
            // Compile now, not inside the first proof: an engine is ready when Create returns.
            msm.CompileKernels();
            return new ProverEngine(kind, msm, ntt, device.Name, device, ntt);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _gpuNtt?.Dispose();
        _device?.Dispose();
    }
}
