using BenchmarkDotNet.Attributes;
using ZkPot.Crypto;

namespace ZkPot.Benchmarks;

/// <summary>Base-field and curve primitives: the numbers every other cost is built from.</summary>
[MemoryDiagnoser]
public class FieldBenchmarks
{
    Fp _a, _b;
    G1Jacobian _p1, _q1;
    G2Jacobian _p2, _q2;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = Fp.Random(rng); _b = Fp.Random(rng);
        _p1 = G1.Generator.ToJacobian().Multiply(Fr.Random(rng)); _q1 = G1.Generator.ToJacobian().Multiply(Fr.Random(rng));
        _p2 = G2.Generator.ToJacobian().Multiply(Fr.Random(rng)); _q2 = G2.Generator.ToJacobian().Multiply(Fr.Random(rng));
    }

    /// <summary>A chain of 100 dependent multiplications, so the figure is latency per multiplication x 100.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public Fp FpMul()
    {
        var x = _a;
        for (int i = 0; i < 100; i++) x *= _b;
        return x;
    }

    [Benchmark]
    public Fp FpInverse() => _a.Inverse();

    [Benchmark]
    public G1Jacobian G1Add() => _p1.Add(_q1);

    [Benchmark]
    public G1Jacobian G1Double() => _p1.Double();

    [Benchmark]
    public G2Jacobian G2Add() => _p2.Add(_q2);
}
