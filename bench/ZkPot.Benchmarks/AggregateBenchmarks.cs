using BenchmarkDotNet.Attributes;
using ZkPot.Circuits;
using ZkPot.Crypto;
using ZkPot.Learning;
using ZkPot.Snark.Groth16;

namespace ZkPot.Benchmarks;

/// <summary>
/// A validator's aggregate check for the default model (784-32-10: 25,450 committed values and the mask) with N included
/// claims: the sum of the N commitments D (decompressed from the claims, as the checker reads them), the commitment of
/// the published sum (one signed small-value MSM over the key's bases) and their comparison; and the mean model's
/// count on a 64-sample batch. Random bases stand in for a key's (the cost does not depend on which points they are).
/// </summary>
public class AggregateBenchmarks
{
    const int Hidden = 32;

    [Params(10, 30, 100)]
    public int Claims;

    CommitmentVerifyingKey _key = null!;
    byte[][] _commitments = null!;
    ModelSum _sum = null!;
    Dataset _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        int count = QuantizedMlp.CommittedCount(Hidden) + 1;
        var bases = Enumerable.Range(0, count).Select(_ => G1.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine()).ToArray();
        var vk = VerifyingKey.Create(G1.Generator, G2.Generator, G2.Generator, G2.Generator.ToJacobian().Double().ToAffine(),
            [G1.Generator, G1.Generator.ToJacobian().Double().ToAffine()]);
        _key = vk.WithCommitment(bases, G2.Generator.ToJacobian().Multiply(Fr.Random(rng)).ToAffine()).Commitment!;
        var openings = Enumerable.Range(0, Claims).Select(_ => Opening(rng)).ToList();
        _commitments = openings.Select(o =>
        {
            var bytes = new byte[32];
            CompressedPoint.WriteG1(bytes, o.Commitment(_key));
            return bytes;
        }).ToArray();
        _sum = ModelSum.Of(openings);
        var images = Enumerable.Range(0, 64).Select(_ => { var b = new byte[QuantizedMlp.InputSize]; rng.NextBytes(b); return b; }).ToList();
        _batch = new Dataset(images, images.Select(_ => (byte)rng.Next(10)).ToList());
        if (!Commitment_check()) throw new InvalidOperationException("the honest sum does not open the sum of the commitments");
    }

    static ModelOpening Opening(Random rng)
    {
        var values = new long[QuantizedMlp.CommittedCount(Hidden)];
        int weights = (QuantizedMlp.InputSize + QuantizedMlp.OutputSize) * Hidden;
        for (int i = 0; i < values.Length; i++) values[i] = i < weights ? rng.Next(-127, 128) : rng.Next(-(1 << 24), 1 << 24);
        return new ModelOpening(values, Fr.Random(rng));
    }

    /// <summary>sum_i D_i against Commit(S, R): what binds the published sum to the included proofs.</summary>
    [Benchmark]
    public bool Commitment_check()
    {
        var total = G1Jacobian.Infinity;
        foreach (var c in _commitments) total = total.AddMixed(CompressedPoint.ReadG1(c));
        return _sum.Commitment(_key) == total.ToAffine();
    }

    /// <summary>The mean model and its correct count on the public batch (the header's global accuracy).</summary>
    [Benchmark]
    public int Mean_model_count() => _sum.Mean(Hidden, 1 << 16).CountCorrect(_batch);
}
