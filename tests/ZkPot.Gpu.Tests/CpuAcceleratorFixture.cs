namespace ZkPot.Gpu.Tests;

/// <summary>One ILGPU CPU accelerator with its MSM and NTT for every test class: kernels are compiled once.</summary>
public sealed class CpuAcceleratorFixture : IDisposable
{
    public CpuAcceleratorFixture()
    {
        Device = GpuDevice.OpenCpu();
        Msm = new GpuMsm(Device);
        // Compiling the curve kernels takes ~20 s on this accelerator; paying it here keeps every test short.
        Msm.CompileKernels();
        Ntt = new GpuNtt(Device);
    }

    public GpuDevice Device { get; }
    public GpuMsm Msm { get; }
    public GpuNtt Ntt { get; }

    public void Dispose()
    {
        Ntt.Dispose();
        Device.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class CpuAcceleratorCollection : ICollectionFixture<CpuAcceleratorFixture>
{
    public const string Name = "ILGPU CPU accelerator";
}
