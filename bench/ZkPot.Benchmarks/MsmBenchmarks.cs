using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ZkPot.Crypto;

namespace ZkPot.Benchmarks;

/// <summary>Pippenger MSM at prover sizes: G1 with 2^16, 2^18 and 2^20 points, G2 with 2^16.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class MsmBenchmarks
{
    /// <summary>The group and log2 of the number of points.</summary>
    public enum Size { G1_16, G1_18, G1_20, G2_16 }

    [Params(Size.G1_16, Size.G1_18, Size.G1_20, Size.G2_16)]
    public Size Case;

    G1Affine[] _g1 = [];
    G2Affine[] _g2 = [];
    Fr[] _scalars = [];
    readonly CpuMsm _msm = CpuMsm.Shared;

    [GlobalSetup]
    public void Setup()
    {
        int log = Case switch { Size.G1_18 => 18, Size.G1_20 => 20, _ => 16 };
        int n = 1 << log;
        var rng = new Random(11);
        _scalars = new Fr[n];
        for (int i = 0; i < n; i++) _scalars[i] = Fr.Random(rng);
        var start = Fr.Random(rng);
        if (Case == Size.G2_16) _g2 = ConsecutiveMultiples(G2.Generator, start, n);
        else _g1 = ConsecutiveMultiples(G1.Generator, start, n);
    }

    [Benchmark]
    public bool MultiExp() => Case == Size.G2_16
        ? _msm.MultiExp(_g2, _scalars).IsInfinity
        : _msm.MultiExp(_g1, _scalars).IsInfinity;

    /// <summary>
    /// [s]G, [s+1]G, ...: one addition per point and one batched inversion for all of them, instead of 2^20 scalar
    /// multiplications; the x coordinates are as unstructured as random points'.
    /// </summary>
    static AffinePoint<F>[] ConsecutiveMultiples<F>(AffinePoint<F> generator, Fr start, int n) where F : struct, IField<F>
    {
        var jacobian = new JacobianPoint<F>[n];
        var acc = generator.ToJacobian().Multiply(start);
        for (int i = 0; i < n; i++)
        {
            jacobian[i] = acc;
            acc = acc.AddMixed(generator);
        }
        return JacobianPoint<F>.ToAffine(jacobian);
    }
}
