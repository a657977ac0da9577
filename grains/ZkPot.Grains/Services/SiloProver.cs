using ZkPot.Gpu;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>
/// The silo's Groth16 prover on the engine its role asks for (<see cref="SiloRole.Engine"/> on a GPU silo, the CPU
/// code elsewhere), opened at the first proof and shared by the silo's prover grains. <see cref="EngineName"/> is the
/// engine that actually runs ("cpu", "gpu" or "ilgpu-cpu"), which the metric and the claim report. A device engine
/// proves one proof at a time; the CPU engine is thread-safe.
/// </summary>
public sealed class SiloProver(SiloRole role) : IDisposable
{
    readonly Lazy<(ProverEngine Engine, Groth16Prover Prover)> _opened = new(() =>
    {
        var engine = ProverEngine.Create(role.Gpu ? ProverEngine.Parse(role.Engine) : EngineKind.Cpu);
        return (engine, new Groth16Prover(engine.Msm, engine.Ntt));
    });
    readonly object _device = new();

    /// <summary>The engine that runs the proofs (opens it when needed).</summary>
    public string EngineName => _opened.Value.Engine.Kind switch
    {
        EngineKind.Cpu => "cpu",
        EngineKind.Gpu => "gpu",
        EngineKind.IlgpuCpu => "ilgpu-cpu",
        var other => throw new InvalidOperationException($"engine {other} was not resolved"),
    };

    /// <summary>Runs <paramref name="prove"/> with the silo's prover, one at a time on a device engine.</summary>
    public T Run<T>(Func<Groth16Prover, T> prove)
    {
        var (engine, prover) = _opened.Value;
        if (engine.Kind == EngineKind.Cpu) return prove(prover);
        lock (_device) return prove(prover);
    }

    public void Dispose()
    {
        if (_opened.IsValueCreated) _opened.Value.Engine.Dispose();
    }
}
