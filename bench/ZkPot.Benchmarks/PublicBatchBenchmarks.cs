using BenchmarkDotNet.Attributes;
using ZkPot.Circuits;
using ZkPot.Crypto;
using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;

namespace ZkPot.Benchmarks;

/// <summary>
/// What the size of the public batch costs a participant at the simulate/evaluate task (784-8-10, the format of seed
/// 1's initial model, development key): solving the witness and the Groth16 proof for 16, 64 and 128 samples. Up to
/// about 110 samples the circuit stays in the 2^17 domain, whose NTTs and H query do not grow with the samples.
/// </summary>
public class PublicBatchBenchmarks
{
    const int Hidden = 8;
    AccuracyTask _task = null!;
    ZKey _key = null!;
    QuantizedMlp _model = null!;
    AccuracyStatement _statement = null!;
    Fr[] _witness = null!;

    [Params(16, 64, 128)]
    public int Samples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = FashionMnist.Load();
        var batch = TestBatch.Select(data.Test, Samples, 1);
        var initial = FloatMlp.Create(Hidden, 1);
        _task = new AccuracyTask(new byte[32], batch, Hidden, FixedPointFormat.For(initial, batch));
        _model = _task.Quantize(initial);
        _key = _task.DevelopmentKey();
        _statement = new AccuracyStatement(_task.IdField, 1, Fr.One, _model.CountCorrect(batch));
        _witness = Witness().Values.ToArray();
        Console.WriteLine($"// {Samples} samples: {_task.Constraints.NConstraints} constraints, {_witness.Length} wires");
    }

    [Benchmark]
    public Witness Witness() =>
        CircuitBuilder.Build(new AccuracyCircuit(_task.TestBatch, Hidden, _task.Format.M1, _statement, _model, Fr.One)).Witness;

    [Benchmark]
    public Proof Prove() => Groth16Prover.Cpu.Prove(_key, _witness);
}
