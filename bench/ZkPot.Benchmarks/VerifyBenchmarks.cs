using BenchmarkDotNet.Attributes;
using ZkPot.Crypto;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;

namespace ZkPot.Benchmarks;

/// <summary>Pairing and Groth16 verification on the bundled snarkjs sample (samples/mul) replicated to 64 proofs.</summary>
public class VerifyBenchmarks
{
    G1Affine _p;
    G2Affine _q;
    VerifyingKey _vk = null!;
    List<(Fr[] Public, Proof Proof)> _items = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        _p = G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
        _q = G2.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine();
        var dir = Path.Combine(BenchPaths.Root(), "samples", "mul");
        _vk = SnarkjsJson.ReadVerifyingKey(Path.Combine(dir, "verification_key.json"));
        var loaded = Enumerable.Range(0, 4).Select(i => (
            SnarkjsJson.ReadPublic(Path.Combine(dir, "batch", $"{i:000}.public.json")),
            SnarkjsJson.ReadProof(Path.Combine(dir, "batch", $"{i:000}.proof.json")))).ToArray();
        _items = Enumerable.Range(0, 64).Select(i => loaded[i % loaded.Length]).ToList();
    }

    [Benchmark]
    public Fp12 Pairing_one() => Pairing.Pair(_p, _q);

    [Benchmark]
    public bool G2_subgroup_check() => G2.InSubgroup(_q);

    [Benchmark]
    public bool Groth16_verify_one() => Groth16Verifier.Verify(_vk, _items[0].Public, _items[0].Proof);

    /// <summary>64 proofs in one random linear combination; divide by 64 for the amortized cost.</summary>
    [Benchmark(OperationsPerInvoke = 64)]
    public bool[] Groth16_verify_batch_64() => Groth16Verifier.VerifyBatch(_vk, _items);
}
