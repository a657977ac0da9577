using System.Text.Json;
using System.Text.Json.Nodes;
using ZkPot.Crypto;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Groth16;

/// <summary>Our verifier against proofs made by snarkjs: it accepts what snarkjs accepts and rejects every tampering.</summary>
public class VerifierInteropTests
{
    static readonly OracleFixture Mul = OracleFixtures.Mul(proofs: 8);

    static (VerifyingKey Vk, Fr[] Public, Proof Proof) Load(int i) =>
        (SnarkjsJson.ReadVerifyingKey(Mul.VerificationKey), SnarkjsJson.ReadPublic(Mul.Proofs[i].Public), SnarkjsJson.ReadProof(Mul.Proofs[i].Proof));

    [Fact]
    public void Accepts_every_snarkjs_proof()
    {
        for (int i = 0; i < Mul.Proofs.Count; i++)
        {
            var (vk, pub, proof) = Load(i);
            Assert.True(Groth16Verifier.Verify(vk, pub, proof), $"proof {i}");
        }
    }

    [Fact]
    public void Public_signals_are_read_outputs_first()
    {
        var (_, pub, _) = Load(3);
        Assert.Equal(OracleFixtures.MulPublicSignals(3), pub.Select(s => s.ToBigInteger()).ToArray());
    }

    [Fact]
    public void Rejects_a_changed_public_signal()
    {
        var (vk, pub, proof) = Load(0);
        for (int j = 0; j < pub.Length; j++)
        {
            var changed = (Fr[])pub.Clone();
            changed[j] += Fr.One;
            Assert.False(Groth16Verifier.Verify(vk, changed, proof), $"signal {j}");
        }
    }

    [Fact]
    public void Rejects_swapped_or_mixed_proof_points()
    {
        var (vk, pub, proof) = Load(0);
        var (_, _, other) = Load(1);
        Assert.False(Groth16Verifier.Verify(vk, pub, proof with { A = proof.C, C = proof.A }));
        Assert.False(Groth16Verifier.Verify(vk, pub, proof with { A = other.A }));
        Assert.False(Groth16Verifier.Verify(vk, pub, proof with { B = other.B }));
        Assert.False(Groth16Verifier.Verify(vk, pub, proof with { C = other.C }));
        Assert.False(Groth16Verifier.Verify(vk, pub, proof with { A = proof.A.Negate() }));
    }

    [Fact]
    public void Rejects_a_proof_under_the_wrong_key()
    {
        var chainVk = SnarkjsJson.ReadVerifyingKey(OracleFixtures.Chain().VerificationKey);
        var (_, _, proof) = Load(0);
        var (_, pub, _) = Load(0);
        Assert.NotEqual(pub.Length, chainVk.PublicCount);
        // Feed the other key as many signals as it expects, so only the key is wrong.
        Assert.False(Groth16Verifier.Verify(chainVk, pub[..chainVk.PublicCount], proof));
    }

    [Fact]
    public void Wrong_number_of_public_signals_is_malformed_not_invalid()
    {
        var (vk, pub, proof) = Load(0);
        var e = Assert.Throws<InvalidDataException>(() => Groth16Verifier.Verify(vk, pub[..^1], proof));
        Assert.Contains("public signals", e.Message);
    }

    [Fact]
    public void Alphabeta_written_like_snarkjs_is_a_fixed_power_of_our_standard_pairing()
    {
        var vk = SnarkjsJson.ReadVerifyingKey(Mul.VerificationKey);
        var theirs = JsonNode.Parse(File.ReadAllText(Mul.VerificationKey))!["vk_alphabeta_12"]!.ToJsonString();
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) SnarkjsJson.WriteFp12(w, SnarkjsJson.SnarkjsAlphaBeta(vk));
        Assert.Equal(theirs, System.Text.Encoding.UTF8.GetString(ms.ToArray()));
        // Ours is the textbook value: the Miller loop raised to (p^12 - 1)/r directly.
        var ml = Pairing.MillerLoop([vk.Alpha], [new G2Prepared(vk.Beta)]);
        var e = (System.Numerics.BigInteger.Pow(Fp.Modulus, 12) - 1) / Fr.Modulus;
        var direct = Fp12.One;
        while (!e.IsZero) { if (!e.IsEven) direct *= ml; ml = ml.Square(); e >>= 1; }
        Assert.Equal(direct, Pairing.Pair(vk.Alpha, vk.Beta));
    }

    [Fact]
    public void Written_files_read_back_and_snarkjs_accepts_them()
    {
        var (vk, pub, proof) = Load(2);
        var dir = Directory.CreateTempSubdirectory("zkpot-json-").FullName;
        try
        {
            string vkPath = Path.Combine(dir, "vk.json"), proofPath = Path.Combine(dir, "proof.json"), pubPath = Path.Combine(dir, "public.json");
            SnarkjsJson.WriteVerifyingKey(vkPath, vk);
            SnarkjsJson.WriteProof(proofPath, proof);
            SnarkjsJson.WritePublic(pubPath, pub);
            Assert.Equal(proof, SnarkjsJson.ReadProof(proofPath));
            Assert.Equal(pub, SnarkjsJson.ReadPublic(pubPath));
            Assert.True(Snarkjs.Verify(vkPath, pubPath, proofPath));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Batch_accepts_all_valid_and_names_the_bad_ones()
    {
        var vk = SnarkjsJson.ReadVerifyingKey(Mul.VerificationKey);
        var items = Enumerable.Range(0, Mul.Proofs.Count)
            .Select(i => (SnarkjsJson.ReadPublic(Mul.Proofs[i].Public), SnarkjsJson.ReadProof(Mul.Proofs[i].Proof))).ToList();
        Assert.All(Groth16Verifier.VerifyBatch(vk, items), Assert.True);

        var bad = items.ToList();
        var changed = (Fr[])bad[2].Item1.Clone(); changed[0] += Fr.One;
        bad[2] = (changed, bad[2].Item2);
        bad[5] = (bad[5].Item1, bad[6].Item2);
        var verdicts = Groth16Verifier.VerifyBatch(vk, bad);
        Assert.Equal([true, true, false, true, true, false, true, true], verdicts);
    }
}
