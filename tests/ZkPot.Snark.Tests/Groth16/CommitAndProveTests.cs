using ZkPot.Crypto;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;
using ZkPot.Snark.Setup;
using ZkPot.Snark.Tests.Setup;

namespace ZkPot.Snark.Tests.Groth16;

/// <summary>
/// Commit-and-prove Groth16: the proof's D commits to the committed wires, Pi proves D lies in the span of the
/// commitment key, and the sum of several D checks a published sum of vectors. Each attack the issue names is built
/// and shown to pass the pairing equation alone (so it is a real attack) and to fail the full verifier.
/// </summary>
public class CommitAndProveTests
{
    /// <summary>public total = sum of squares of the committed values, plus a private salt squared into an internal wire.</summary>
    sealed class SquareSum(long[] values, long total, long salt, Fr? mask = null) : ICircuit
    {
        public void Define(CircuitBuilder b)
        {
            var t = b.PublicInput(Signed(total));
            var committed = values.Select(v => b.CommittedInput(Signed(v))).ToArray();
            var s = b.PrivateInput(Signed(salt));
            var sum = new LinearCombinationBuilder(values.Length);
            foreach (var w in committed)
                sum.Add(b.Mul(w, w));
            b.AssertEqual(sum.ToLinearCombination(), t, "sum of squares");
            b.Mul(s, s);
            if (mask is { } m)
                b.SetMask(m);
        }
    }

    static Fr Signed(long v) => v >= 0 ? Fr.FromUInt64((ulong)v) : -Fr.FromUInt64((ulong)-v);

    static readonly long[] Alice = [3, -4, 5, 7];
    static readonly long[] Bob = [1, 2, -2, 9];

    static BuiltCircuit Build(long[] values, long salt = 11, Fr? mask = null) =>
        CircuitBuilder.Build(new SquareSum(values, values.Sum(v => v * v), salt, mask));

    static readonly Lazy<(ZKey Key, BuiltCircuit Shape)> devKey = new(() =>
    {
        var shape = Build(Alice);
        return (Groth16Setup.Development(shape.R1cs, DevelopmentSecrets.Random(), shape.CommittedCount), shape);
    });

    /// <summary>A ceremony key (gamma = 1): our phase 1 at power 5, phase-2 contributions from two parties.</summary>
    static readonly Lazy<(ZKey Key, byte[] Ptau)> ceremonyKey = new(() =>
    {
        using var dir = new SetupTempDirectory();
        var one = Phase1Files.Contribute(Phase1Files.New(dir, 5), dir.File("one.ptau"), "alice");
        var prepared = File.ReadAllBytes(Phase1Files.Prepare(one, dir.File("prepared.ptau")));
        using var ptau = PowersOfTau.Open(new MemoryStream(prepared), "prepared");
        var shape = Build(Alice);
        var key = Groth16Setup.FromPowersOfTau(shape.R1cs, ptau, committed: shape.CommittedCount);
        key = Phase2Ceremony.Contribute(key, "first");
        key = Phase2Ceremony.Contribute(key, "second");
        return (key, prepared);
    });

    static Proof Prove(ZKey key, BuiltCircuit built) => Groth16Prover.Cpu.Prove(key, built.Witness.Values);

    /// <summary>The pairing equation alone, as a verifier without the proof of knowledge would check it.</summary>
    static bool PairingOnly(VerifyingKey vk, ReadOnlySpan<Fr> pub, Proof proof)
    {
        var vkx = vk.IC[0].ToJacobian();
        for (var i = 0; i < pub.Length; i++)
            vkx = vkx.Add(vk.IC[i + 1].ToJacobian().Multiply(pub[i]));
        var left = vkx.AddMixed(proof.Commitment!.D).ToAffine();
        return Pairing.Check([proof.A.Negate(), left, proof.C, vk.Alpha],
            [new G2Prepared(proof.B), new G2Prepared(vk.Gamma), new G2Prepared(vk.Delta), new G2Prepared(vk.Beta)]);
    }

    [Fact]
    public void An_honest_proof_verifies_in_192_bytes_and_its_d_opens_to_the_committed_values()
    {
        var (key, _) = devKey.Value;
        var vk = ZKeyExport.ToVerifyingKey(key);
        var built = Build(Alice, mask: Fr.FromUInt64(987654321));
        var proof = Prove(key, built);
        Assert.True(Groth16Verifier.Verify(vk, built.PublicSignals, proof));
        var bytes = proof.ToCompressed();
        Assert.Equal(192, bytes.Length);
        Assert.True(Groth16Verifier.Verify(vk, built.PublicSignals, Proof.FromCompressed(bytes)));
        var opened = CommitmentAggregate.Commit(vk.Commitment!, Alice.Select(Signed).ToArray(), Fr.FromUInt64(987654321));
        Assert.True(opened.IsSamePoint(proof.Commitment!.D.ToJacobian()));
    }

    /// <summary>The signed small-value commitment (what validators run) equals the general field MSM, across window edges and signs.</summary>
    [Theory]
    [InlineData(0L, 0L, 0L, 0L)]
    [InlineData(3L, -4L, 5L, 7L)]
    [InlineData(2047L, 2048L, -2048L, 2049L)]
    [InlineData(-(1L << 40), (1L << 23) + 1, long.MaxValue, -long.MaxValue)]
    public void The_signed_commitment_equals_the_field_commitment(long a, long b, long c, long d)
    {
        var key = ZKeyExport.ToVerifyingKey(devKey.Value.Key).Commitment!;
        long[] values = [a, b, c, d];
        var mask = Fr.FromUInt64(424242);
        Assert.True(CommitmentAggregate.Commit(key, values, mask).IsSamePoint(CommitmentAggregate.Commit(key, values.Select(Signed).ToArray(), mask)));
    }

    [Fact]
    public void D_hides_the_values_a_fresh_mask_each_proof()
    {
        var (key, _) = devKey.Value;
        var first = Prove(key, Build(Alice));
        var second = Prove(key, Build(Alice));
        Assert.NotEqual(first.Commitment!.D, second.Commitment!.D);
        // Without the mask (nu = 0) D would be a deterministic function of the values: the CVE-2024-45040 weakness.
        var unmasked = CommitmentAggregate.Commit(ZKeyExport.ToVerifyingKey(key).Commitment!, Alice.Select(Signed).ToArray(), Fr.Zero);
        Assert.False(unmasked.IsSamePoint(first.Commitment.D.ToJacobian()));
    }

    [Fact]
    public void Shifting_d_by_ic_to_change_the_public_input_passes_the_pairing_but_not_the_proof_of_knowledge()
    {
        var (key, _) = devKey.Value;
        var vk = ZKeyExport.ToVerifyingKey(key);
        var built = Build(Alice);
        var proof = Prove(key, built);
        // D' = D + (x - x') IC[1] moves the public total from x to x' and keeps the pairing equation.
        var x = built.PublicSignals[0];
        var forgedTotal = x + Fr.FromUInt64(1000);
        var shifted = proof.Commitment!.D.ToJacobian().Add(vk.IC[1].ToJacobian().Multiply(x - forgedTotal)).ToAffine();
        var forged = proof with { Commitment = proof.Commitment with { D = shifted } };
        Assert.True(PairingOnly(vk, [forgedTotal], forged));
        Assert.False(Groth16Verifier.Verify(vk, [forgedTotal], forged));
    }

    [Fact]
    public void Shifting_d_by_delta_against_c_passes_the_pairing_but_not_the_proof_of_knowledge()
    {
        var (key, _) = ceremonyKey.Value;
        var vk = ZKeyExport.ToVerifyingKey(key);
        var built = Build(Alice);
        var proof = Prove(key, built);
        // gamma = 1: D + k [delta]_1 with C - k G1 verifies (the forgery the fact sheet derives).
        var k = Fr.FromUInt64(31337);
        var d = proof.Commitment!.D.ToJacobian().Add(key.Header.Delta1.ToJacobian().Multiply(k)).ToAffine();
        var c = proof.C.ToJacobian().Add(G1.Generator.ToJacobian().Multiply(k).Negate()).ToAffine();
        var forged = proof with { C = c, Commitment = proof.Commitment with { D = d } };
        Assert.True(PairingOnly(vk, built.PublicSignals, forged));
        Assert.False(Groth16Verifier.Verify(vk, built.PublicSignals, forged));
    }

    [Fact]
    public void A_d_and_pi_copied_from_another_proof_do_not_verify()
    {
        var (key, _) = devKey.Value;
        var vk = ZKeyExport.ToVerifyingKey(key);
        var alice = Prove(key, Build(Alice));
        var bobBuilt = Build(Bob);
        var bob = Prove(key, bobBuilt);
        Assert.True(Groth16Verifier.Verify(vk, bobBuilt.PublicSignals, bob));
        Assert.False(Groth16Verifier.Verify(vk, bobBuilt.PublicSignals, bob with { Commitment = alice.Commitment }));
    }

    [Fact]
    public void The_sum_of_ds_opens_to_the_sum_of_the_vectors_and_nothing_else()
    {
        var (key, _) = ceremonyKey.Value;
        var vk = ZKeyExport.ToVerifyingKey(key);
        var masks = new[] { Fr.FromUInt64(5), Fr.FromUInt64(7), Fr.FromUInt64(13) };
        long[][] vectors = [Alice, Bob, [0, 0, 1, -1]];
        var proofs = vectors.Select((v, i) => Prove(key, Build(v, mask: masks[i]))).ToArray();
        var sums = Enumerable.Range(0, 4).Select(j => Signed(vectors.Sum(v => v[j]))).ToArray();
        var maskSum = masks[0] + masks[1] + masks[2];
        var ds = proofs.Select(p => p.Commitment!.D).ToArray();
        Assert.True(CommitmentAggregate.Matches(vk.Commitment!, ds, sums, maskSum));
        var wrong = sums.ToArray();
        wrong[2] += Fr.One;
        Assert.False(CommitmentAggregate.Matches(vk.Commitment!, ds, wrong, maskSum));
        Assert.False(CommitmentAggregate.Matches(vk.Commitment!, ds[..2], sums, maskSum));
    }

    [Fact]
    public void Batch_verification_accepts_commit_and_prove_proofs_and_names_a_bad_one()
    {
        var (key, _) = devKey.Value;
        var vk = ZKeyExport.ToVerifyingKey(key);
        var items = new List<(Fr[], Proof)>();
        foreach (var v in new[] { Alice, Bob, Alice })
        {
            var built = Build(v);
            items.Add((built.PublicSignals.ToArray(), Prove(key, built)));
        }
        Assert.All(Groth16Verifier.VerifyBatch(vk, items), Assert.True);
        var bad = items[1].Item2;
        items[1] = (items[1].Item1, bad with { Commitment = items[0].Item2.Commitment });
        Assert.Equal([true, false, true], Groth16Verifier.VerifyBatch(vk, items));
    }

    [Fact]
    public void The_ceremony_covers_sigma_and_the_key_verifies_from_scratch()
    {
        var (key, ptauBytes) = ceremonyKey.Value;
        using var ptau = PowersOfTau.Open(new MemoryStream(ptauBytes), "prepared");
        var report = SetupVerifier.VerifyChain(Build(Alice).R1cs, key, ptau);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.DoesNotContain(report.Checks, c => c.Outcome == SetupCheckOutcome.Skipped);
        Assert.Contains(report.Checks, c => c.Name == "contribution 2: sigma");
        Assert.Contains(report.Checks, c => c.Name == "commitment key");

        // A step: honest passes; sigma bases left unscaled fail by name.
        var next = Phase2Ceremony.Contribute(key, "third");
        Assert.Null(SetupVerifier.StepFailure(key, next));
        var c = next.Commitment!;
        var lazy = new ZKey(next.Header, next.IC.ToArray(), next.Coefficients.ToArray(), next.A.ToArray(), next.B1.ToArray(), next.B2.ToArray(),
            next.C.ToArray(), next.H.ToArray(), next.Contributions,
            new ZKeyCommitment(c.Bases.ToArray(), key.Commitment!.SigmaBases.ToArray(), c.Sigma2, c.Contributions));
        Assert.Equal("commitment key", SetupVerifier.StepFailure(key, lazy)!.Name);
    }

    [Fact]
    public void A_key_with_a_c_point_for_a_committed_wire_or_sigma_at_one_is_refused()
    {
        var (key, _) = ceremonyKey.Value;
        var c = key.C.ToArray();
        c[0] = G1.Generator;
        Assert.Throws<ArgumentException>(() => new ZKey(key.Header, key.IC.ToArray(), key.Coefficients.ToArray(), key.A.ToArray(),
            key.B1.ToArray(), key.B2.ToArray(), c, key.H.ToArray(), key.Contributions, key.Commitment));
        var vk = ZKeyExport.ToVerifyingKey(key);
        var e = Assert.Throws<InvalidDataException>(() => VerifyingKey.Create(vk.Alpha, vk.Beta, vk.Gamma, vk.Delta, vk.IC).WithCommitment(vk.Commitment!.Bases, G2.Generator));
        Assert.Contains("sigma", e.Message);
    }

    [Fact]
    public void Keys_proofs_and_verifying_keys_round_trip_through_their_files()
    {
        var (key, _) = ceremonyKey.Value;
        using var dir = new SetupTempDirectory();
        ZKeyWriter.Write(key, dir.File("cp.zkey"));
        var read = ZKeyReader.Read(dir.File("cp.zkey"));
        Assert.Equal(key.Commitment!.Bases.ToArray(), read.Commitment!.Bases.ToArray());
        Assert.Equal(key.Commitment.SigmaBases.ToArray(), read.Commitment.SigmaBases.ToArray());
        Assert.Equal(key.Commitment.Sigma2, read.Commitment.Sigma2);
        Assert.Equal(key.Commitment.Contributions.Count, read.Commitment.Contributions.Count);

        var built = Build(Bob);
        var proof = Prove(read, built);
        SnarkjsJson.WriteVerifyingKey(dir.File("vk.json"), ZKeyExport.ToVerifyingKey(read));
        SnarkjsJson.WriteProof(dir.File("proof.json"), proof);
        Assert.True(Groth16Verifier.Verify(SnarkjsJson.ReadVerifyingKey(dir.File("vk.json")), built.PublicSignals, SnarkjsJson.ReadProof(dir.File("proof.json"))));
    }
}
