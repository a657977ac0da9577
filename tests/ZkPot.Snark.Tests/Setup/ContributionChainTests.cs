using System.Text.RegularExpressions;
using ZkPot.Crypto;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Setup;

public partial class ContributionChainTests
{
    static readonly Lazy<PowersOfTau> ptau = new(() => PowersOfTau.Open(PtauFixtures.Small));
    static readonly Lazy<ZKey> initial = new(() => Groth16Setup.FromPowersOfTau(SetupFixtures.MulR1cs, ptau.Value));
    static readonly Lazy<ZKey> three = new(() =>
    {
        var key = initial.Value;
        foreach (var name in new[] { "alice", "bob", "carol" })
            key = Phase2Ceremony.Contribute(key, name, "entropy of " + name);
        return key;
    });

    static SetupVerification Check(ZKey key, R1cs? r1cs = null, bool withPtau = true) =>
        SetupVerifier.VerifyChain(r1cs ?? SetupFixtures.MulR1cs, key, withPtau ? ptau.Value : null);

    static void AssertFailsAt(SetupVerification report, string checkName)
    {
        Assert.False(report.IsValid);
        Assert.Equal(checkName, report.FirstFailure!.Name);
        Assert.Same(report.FirstFailure, report.Checks[^1]);
    }

    [Fact]
    public void Key_after_three_contributions_passes_every_check()
    {
        var report = Check(three.Value);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Equal(["alice", "bob", "carol"], report.Contributions.Select(c => c.Name));
        Assert.DoesNotContain(report.Checks, c => c.Outcome == SetupCheckOutcome.Skipped);
        Assert.Contains(report.Checks, c => c.Name == "contribution 3 \"carol\": proof of knowledge");
        Assert.Contains(report.Checks, c => c.Name == "H points");
    }

    [Fact]
    public void Initial_key_passes_with_delta_one_and_no_contributions()
    {
        var report = Check(initial.Value);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Contains("not ready", report.Checks.Single(c => c.Name == "delta in header").Detail);
    }

    [Fact]
    public void Contribution_moves_delta_and_c_and_h_and_keeps_the_rest()
    {
        var before = initial.Value;
        var after = Phase2Ceremony.Contribute(before, "one");
        Assert.NotEqual(before.Header.Delta1, after.Header.Delta1);
        Assert.NotEqual(before.C[0], after.C[0]);
        Assert.NotEqual(before.H[0], after.H[0]);
        Assert.Equal(before.IC.ToArray(), after.IC.ToArray());
        Assert.Equal(before.B2.ToArray(), after.B2.ToArray());
        Assert.Equal(before.Contributions.CircuitHash.ToArray(), after.Contributions.CircuitHash.ToArray());
        Assert.Equal(after.Header.Delta1, after.Contributions.Items[0].DeltaAfter);
    }

    [Fact]
    public void Tampered_c_point_is_detected()
    {
        var key = three.Value;
        AssertFailsAt(Check(KeyEdits.With(key, c: KeyEdits.Shifted(key.C, key.C.Length - 1))), "C points");
    }

    [Fact]
    public void Tampered_h_point_is_detected()
    {
        var key = three.Value;
        AssertFailsAt(Check(KeyEdits.With(key, h: KeyEdits.Shifted(key.H, 2))), "H points");
    }

    [Fact]
    public void Tampered_delta_is_detected()
    {
        var key = three.Value;
        var h = key.Header;
        var doubled1 = h.Delta1.ToJacobian().Double().ToAffine();
        var doubled2 = h.Delta2.ToJacobian().Double().ToAffine();
        AssertFailsAt(Check(KeyEdits.With(key, header: KeyEdits.WithDelta(h, doubled1, doubled2))), "delta in header");
        AssertFailsAt(Check(KeyEdits.With(key, header: KeyEdits.WithDelta(h, h.Delta1, doubled2))), "delta in header");
    }

    [Fact]
    public void Tampered_transcript_is_detected()
    {
        var key = three.Value;
        var edited = KeyEdits.WithRecord(key.Contributions, 1, c =>
        {
            var transcript = c.Transcript.ToArray();
            transcript[5] ^= 1;
            return KeyEdits.Record(c, transcript: transcript);
        });
        AssertFailsAt(Check(KeyEdits.With(key, contributions: edited)), "contribution 2 \"bob\": transcript");
    }

    [Fact]
    public void Tampered_proof_of_knowledge_is_detected()
    {
        var key = three.Value;
        var edited = KeyEdits.WithRecord(key.Contributions, 1,
            c => KeyEdits.Record(c, g2spx: c.DeltaG2Spx.ToJacobian().Double().ToAffine()));
        AssertFailsAt(Check(KeyEdits.With(key, contributions: edited)), "contribution 2 \"bob\": proof of knowledge");
    }

    [Fact]
    public void Delta_step_without_the_proven_secret_is_detected()
    {
        // bob's deltaAfter moved: his proof still holds, but it no longer explains the step; carol's then fails too.
        var key = three.Value;
        var edited = KeyEdits.WithRecord(key.Contributions, 1,
            c => KeyEdits.Record(c, deltaAfter: c.DeltaAfter.ToJacobian().Double().ToAffine()));
        AssertFailsAt(Check(KeyEdits.With(key, contributions: edited)), "contribution 2 \"bob\": delta");
    }

    [Fact]
    public void Removed_contribution_breaks_the_chain()
    {
        var key = three.Value;
        var items = key.Contributions.Items;
        var edited = new ZKeyContributions(key.Contributions.CircuitHash.ToArray(), [items[0], items[2]]);
        AssertFailsAt(Check(KeyEdits.With(key, contributions: edited)), "contribution 2 \"carol\": transcript");
    }

    [Fact]
    public void Key_for_another_circuit_is_rejected()
    {
        AssertFailsAt(Check(three.Value, SetupCircuits.Squares(3, 2)), "circuit shape");

        // Same shape, one coefficient changed: mul's first A entry doubled.
        var mul = SetupFixtures.MulR1cs;
        var values = mul.A.Values.ToArray();
        values[0] += values[0];
        var a = new R1csMatrix(mul.A.RowStart.ToArray(), mul.A.Wires.ToArray(), values);
        var other = new R1cs(mul.NWires, mul.NPubOut, mul.NPubIn, mul.NPrvIn, mul.NLabels, a, mul.B, mul.C);
        AssertFailsAt(Check(three.Value, other), "coefficients");
    }

    [Fact]
    public void Dev_key_is_not_a_key_of_the_ptau()
    {
        AssertFailsAt(Check(Groth16Setup.Development(SetupFixtures.MulR1cs)), "alpha, beta, gamma");
    }

    [Fact]
    public void Without_the_ptau_the_chain_is_checked_and_recomputation_is_reported_skipped()
    {
        var report = Check(three.Value, withPtau: false);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Equal(2, report.Checks.Count(c => c.Outcome == SetupCheckOutcome.Skipped));
        Assert.Contains(report.Checks, c => c.Name == "B1 against B2" && c.Outcome == SetupCheckOutcome.Passed);

        var tampered = KeyEdits.WithRecord(three.Value.Contributions, 2,
            c => KeyEdits.Record(c, g2spx: c.DeltaG2Spx.ToJacobian().Double().ToAffine()));
        AssertFailsAt(Check(KeyEdits.With(three.Value, contributions: tampered), withPtau: false), "contribution 3 \"carol\": proof of knowledge");
    }

    [Fact]
    public void Contribution_names_longer_than_snarkjs_keeps_are_refused() =>
        Assert.Throws<ArgumentException>(() => Phase2Ceremony.Contribute(initial.Value, new string('n', Phase2Ceremony.MaxNameLength + 1)));

    [Fact]
    public void Hash_to_g2_gives_a_subgroup_point_that_depends_on_the_first_32_bytes_only()
    {
        var hash = Blake2b.Hash([1, 2, 3]);
        var point = HashToG2.FromTranscript(hash);
        Assert.False(point.IsInfinity);
        Assert.True(G2.IsValid(point));
        var tail = hash.ToArray();
        tail[40] ^= 1;
        Assert.Equal(point, HashToG2.FromTranscript(tail));
        var head = hash.ToArray();
        head[3] ^= 1;
        Assert.NotEqual(point, HashToG2.FromTranscript(head));
    }

    [Fact]
    public void Our_prover_proves_with_the_contributed_key()
    {
        var witness = WitnessReader.Read(SetupFixtures.MulWitness).Values.ToArray();
        var key = three.Value;
        var proof = Groth16Prover.Cpu.Prove(key, witness);
        Assert.True(Groth16Verifier.Verify(ZKeyExport.ToVerifyingKey(key), Groth16Prover.PublicSignals(key, witness), proof));
    }

    [Fact]
    public void Our_contribution_on_a_snarkjs_key_passes_snarkjs_zkey_verify_and_matches_its_contribution_hash()
    {
        var fixture = OracleFixtures.Mul();
        var key = Phase2Ceremony.Contribute(ZKeyReader.Read(fixture.Zkey), "after snarkjs");
        using var dir = new SetupTempDirectory();
        var path = dir.File("mul_ours.zkey");
        ZKeyWriter.Write(key, path);
        var verdict = SetupFixtures.RunSnarkjs("zkey", "verify", SetupFixtures.Mul.R1cs, PtauFixtures.Small, path);
        Assert.True(verdict.ExitCode == 0 && verdict.Stdout.Contains("ZKey Ok!", StringComparison.Ordinal), verdict.Stdout + verdict.Stderr);

        // snarkjs prints each contribution's hash as 16 groups of 8 hex digits after "contribution #N name:".
        var text = verdict.Stdout[verdict.Stdout.IndexOf("contribution #2", StringComparison.Ordinal)..];
        var printed = string.Concat(HexGroup().Matches(text).Take(16).Select(m => m.Value));
        Assert.Equal(Convert.ToHexStringLower(Phase2Ceremony.ContributionHash(key.Contributions.Items[1])), printed);

        var report = Check(key);
        Assert.True(report.IsValid, string.Join("\n", report.Checks));
        Assert.Equal(["zkpot oracle fixture", "after snarkjs"], report.Contributions.Select(c => c.Name));
    }

    [GeneratedRegex(@"\b[0-9a-f]{8}\b")]
    private static partial Regex HexGroup();
}
