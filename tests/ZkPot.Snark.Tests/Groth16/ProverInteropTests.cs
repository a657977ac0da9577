using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Groth16;

/// <summary>Our prover on snarkjs keys and witnesses: snarkjs and our verifier both accept what it makes.</summary>
public class ProverInteropTests
{
    static readonly OracleFixture Mul = OracleFixtures.Mul(proofs: 2);

    static Fr[] MulWitness(int i) => WitnessReader.Read(Snarkjs.Witness(Mul.Wasm, OracleFixtures.MulInput(i))).Values.ToArray();

    static string TempDir() => Directory.CreateTempSubdirectory("zkpot-prove-").FullName;

    [Fact]
    public void Proof_from_a_snarkjs_key_verifies_in_snarkjs_and_in_ours()
    {
        var zkey = ZKeyReader.Read(Mul.Zkey);
        var w = MulWitness(1);
        var proof = Groth16Prover.Cpu.Prove(zkey, w);
        var pub = Groth16Prover.PublicSignals(zkey, w);
        Assert.Equal(OracleFixtures.MulPublicSignals(1), pub.Select(x => x.ToBigInteger()).ToArray());
        Assert.True(Groth16Verifier.Verify(SnarkjsJson.ReadVerifyingKey(Mul.VerificationKey), pub, proof));

        var dir = TempDir();
        SnarkjsJson.WriteProof(Path.Combine(dir, "proof.json"), proof);
        SnarkjsJson.WritePublic(Path.Combine(dir, "public.json"), pub);
        Assert.True(Snarkjs.Verify(Mul.VerificationKey, Path.Combine(dir, "public.json"), Path.Combine(dir, "proof.json")));
    }

    [Fact]
    public void Blinding_makes_every_proof_different_and_fixed_blinding_repeats()
    {
        var zkey = ZKeyReader.Read(Mul.Zkey);
        var w = MulWitness(0);
        var p1 = Groth16Prover.Cpu.Prove(zkey, w);
        var p2 = Groth16Prover.Cpu.Prove(zkey, w);
        Assert.NotEqual(p1.A, p2.A);
        Assert.NotEqual(p1.C, p2.C);
        var (r, s) = (Fr.FromUInt64(7), Fr.FromUInt64(11));
        Assert.Equal(Groth16Prover.Cpu.Prove(zkey, w, r, s), Groth16Prover.Cpu.Prove(zkey, w, r, s));
    }

    [Fact]
    public void Witness_breaking_one_constraint_gives_a_proof_that_fails()
    {
        var zkey = ZKeyReader.Read(Mul.Zkey);
        var w = MulWitness(0);
        w[^1] += Fr.One; // an internal signal
        var vk = SnarkjsJson.ReadVerifyingKey(Mul.VerificationKey);
        Assert.False(Groth16Verifier.Verify(vk, Groth16Prover.PublicSignals(zkey, w), Groth16Prover.Cpu.Prove(zkey, w)));
    }

    [Fact]
    public void Proof_compresses_to_128_bytes_and_back()
    {
        var zkey = ZKeyReader.Read(Mul.Zkey);
        var proof = Groth16Prover.Cpu.Prove(zkey, MulWitness(0));
        var bytes = proof.ToCompressed();
        Assert.Equal(128, bytes.Length);
        Assert.Equal(proof, Proof.FromCompressed(bytes));
    }

    [Fact]
    public void Witness_of_the_wrong_length_is_refused()
    {
        var zkey = ZKeyReader.Read(Mul.Zkey);
        var w = MulWitness(0);
        var e = Assert.Throws<InvalidDataException>(() => Groth16Prover.Cpu.Prove(zkey, w[..^1]));
        Assert.Contains("wires", e.Message);
    }

    [Fact, Trait("Category", "Slow")]
    public void Proof_for_the_16k_constraint_chain_verifies_in_snarkjs()
    {
        var chain = OracleFixtures.Chain();
        var zkey = ZKeyReader.Read(chain.Zkey);
        var w = WitnessReader.Read(Snarkjs.Witness(chain.Wasm, OracleFixtures.ChainInput(0))).Values.ToArray();
        var proof = Groth16Prover.Cpu.Prove(zkey, w);
        var dir = TempDir();
        SnarkjsJson.WriteProof(Path.Combine(dir, "proof.json"), proof);
        SnarkjsJson.WritePublic(Path.Combine(dir, "public.json"), Groth16Prover.PublicSignals(zkey, w));
        Assert.True(Snarkjs.Verify(chain.VerificationKey, Path.Combine(dir, "public.json"), Path.Combine(dir, "proof.json")));
    }
}
