namespace ZkPot.Gpu;

/// <summary>Which engine runs the prover's MSM and NTT.</summary>
public enum EngineKind
{
    /// <summary>The multi-threaded CPU code (<see cref="CpuMsm"/>, <see cref="CpuNtt"/>).</summary>
    Cpu,

    /// <summary>ILGPU kernels on a CUDA device; an error when there is none.</summary>
    Gpu,

    /// <summary>CUDA when a device is present, else the CPU engine.</summary>
    Auto,

    /// <summary>The ILGPU kernels on ILGPU's CPU accelerator: slow, for checking kernels without a GPU.</summary>
    IlgpuCpu,
}
