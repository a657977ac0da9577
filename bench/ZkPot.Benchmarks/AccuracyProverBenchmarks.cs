using BenchmarkDotNet.Attributes;
using ZkPot.Circuits;
using ZkPot.Crypto;
using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;

namespace ZkPot.Benchmarks;

/// <summary>
/// The default accuracy statement (784-32-10, 64 public Fashion-MNIST samples, the format of seed 1's initial model,
/// development key): solving the witness, the whole Groth16 proof, and the A and B (G2) query MSMs with and without
/// the split of 0/1 scalars (`CpuMsm.MultiExp(points, scalars)` against the explicit-window overload, which runs
/// Pippenger on every scalar).
/// </summary>
public class AccuracyProverBenchmarks
{
    AccuracyTask _task = null!;
    ZKey _key = null!;
    QuantizedMlp _model = null!;
    AccuracyStatement _statement = null!;
    Fr[] _witness = null!;

    [GlobalSetup]
    public void Setup()
    {
        var data = FashionMnist.Load();
        var batch = TestBatch.Select(data.Test, 64, 1);
        var initial = FloatMlp.Create(32, 1);
        _task = new AccuracyTask(new byte[32], batch, 32, FixedPointFormat.For(initial, batch));
        _model = _task.Quantize(initial);
        _key = _task.DevelopmentKey();
        _statement = new AccuracyStatement(_task.IdField, 1, Fr.One, _model.CountCorrect(batch));
        _witness = Witness().Values.ToArray();
    }

    [Benchmark]
    public Witness Witness() =>
        CircuitBuilder.Build(new AccuracyCircuit(_task.TestBatch, 32, _task.Format.M1, _statement, _model, Fr.One)).Witness;

    [Benchmark]
    public Proof Prove() => Groth16Prover.Cpu.Prove(_key, _witness);

    [Benchmark]
    public G1Jacobian A_query() => CpuMsm.Shared.MultiExp(_key.A, _witness);

    [Benchmark]
    public G1Jacobian A_query_unsplit() => CpuMsm.Shared.MultiExp(_key.A, _witness, CpuMsm.WindowBits(_witness.Length, false));

    [Benchmark]
    public G2Jacobian B2_query() => CpuMsm.Shared.MultiExp(_key.B2, _witness);

    [Benchmark]
    public G2Jacobian B2_query_unsplit() => CpuMsm.Shared.MultiExp(_key.B2, _witness, CpuMsm.WindowBits(_witness.Length, false));
}
