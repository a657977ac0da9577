namespace ZkPot.Gpu.Tests;

public class ProverEngineTests
{
    [Theory]
    [InlineData("cpu", EngineKind.Cpu)]
    [InlineData("gpu", EngineKind.Gpu)]
    [InlineData("auto", EngineKind.Auto)]
    [InlineData("ilgpu-cpu", EngineKind.IlgpuCpu)]
    public void Parse_knows_every_engine_name(string name, EngineKind kind) => Assert.Equal(kind, ProverEngine.Parse(name));

    [Fact]
    public void Parse_rejects_an_unknown_name_and_lists_the_valid_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => ProverEngine.Parse("cuda"));
        Assert.Contains("'cuda'", e.Message);
        Assert.Contains("cpu, gpu, auto, ilgpu-cpu", e.Message);
    }

    [Fact]
    public void Cpu_engine_is_the_shared_CPU_code()
    {
        using var engine = ProverEngine.Create(EngineKind.Cpu);
        Assert.Equal(EngineKind.Cpu, engine.Kind);
        Assert.Same(CpuMsm.Shared, engine.Msm);
        Assert.Same(CpuNtt.Shared, engine.Ntt);
    }

    [Fact]
    public void Auto_uses_CUDA_exactly_when_a_device_is_present()
    {
        using var engine = ProverEngine.Create(EngineKind.Auto);
        Assert.Equal(GpuDevice.CudaAvailable ? EngineKind.Gpu : EngineKind.Cpu, engine.Kind);
        Assert.Equal(GpuDevice.CudaAvailable, engine.Msm is GpuMsm);
    }

    [Fact]
    public void Gpu_engine_needs_a_CUDA_device()
    {
        if (GpuDevice.CudaAvailable)
        {
            using var engine = ProverEngine.Create(EngineKind.Gpu);
            Assert.StartsWith("CUDA: ", engine.Description);
            Assert.IsType<GpuNtt>(engine.Ntt);
        }
        else
        {
            var e = Assert.Throws<InvalidOperationException>(() => ProverEngine.Create(EngineKind.Gpu));
            Assert.Contains("no CUDA device", e.Message);
        }
    }
}
