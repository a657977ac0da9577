using BenchmarkDotNet.Attributes;
using ZkPot.Crypto;

namespace ZkPot.Benchmarks;

/// <summary>Base-field and curve primitives: the numbers every other cost is built from.</summary>
[MemoryDiagnoser]
public class FieldBenchmarks
{
    Fp _a, _b;
    FieldLanes<PModulus> _lanesA, _lanesB;
    G1Jacobian _p1, _q1;
    G2Jacobian _p2, _q2;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _a = Fp.Random(rng); _b = Fp.Random(rng);
        _lanesA = Lanes(rng); _lanesB = Lanes(rng);
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

    /// <summary>
    /// The same chain of 100 dependent products on eight independent lanes at once (AVX-512, radix 2^29: what the MSM
    /// and NTT use): the figure is time per product, 100 x 8 of them per call. Without AVX-512 the lanes are emulated.
    /// </summary>
    [Benchmark(OperationsPerInvoke = 800)]
    public ulong FpMulLanes()
    {
        var x = _lanesA;
        for (int i = 0; i < 100; i++) x = FieldLanes<PModulus>.Mul(x, _lanesB);
        return x.L0[0];
    }

    [Benchmark]
    public Fp FpInverse() => _a.Inverse();

    [Benchmark]
    public Fp FpInverseVartime() => _a.InverseVartime();

    [Benchmark]
    public G1Jacobian G1Add() => _p1.Add(_q1);

    [Benchmark]
    public G1Jacobian G1Double() => _p1.Double();

    [Benchmark]
    public G2Jacobian G2Add() => _p2.Add(_q2);

    static unsafe FieldLanes<PModulus> Lanes(Random rng)
    {
        var v = new Fp[8];
        for (int k = 0; k < 8; k++) v[k] = Fp.Random(rng);
        fixed (Fp* p = v)
        {
            var w = (ulong*)p;
            return FieldLanes<PModulus>.Load(w, w + 4, w + 8, w + 12, w + 16, w + 20, w + 24, w + 28);
        }
    }
}
