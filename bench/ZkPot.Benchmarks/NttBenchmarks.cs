using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ZkPot.Crypto;

namespace ZkPot.Benchmarks;

/// <summary>NTT over Fr at prover sizes: one forward transform, and the Groth16 prover's evaluations-to-odd-coset step.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class NttBenchmarks
{
    [Params(16, 20)]
    public int LogSize;

    Fr[] _values = [];
    readonly CpuNtt _ntt = CpuNtt.Shared;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        _values = new Fr[1 << LogSize];
        for (int i = 0; i < _values.Length; i++) _values[i] = Fr.Random(rng);
        // Build the shared twiddle table outside the timed region.
        _ntt.Forward(_values);
    }

    /// <summary>Transforming in place leaves random data random, so iterations need no reset.</summary>
    [Benchmark]
    public void Forward() => _ntt.Forward(_values);

    [Benchmark]
    public void ToOddCoset() => _ntt.ToOddCoset(_values);
}
