using System.Numerics;
using System.Text.Json;

namespace ZkPot.TestSupport.Tests;

[Trait("Category", "Slow")]
public sealed class SnarkjsTests
{
    [Fact]
    public void Every_proof_of_the_mul_fixture_verifies_with_snarkjs()
    {
        var fixture = OracleFixtures.Mul(proofs: 4);

        Assert.Equal(4, fixture.Proofs.Count);
        Assert.All(fixture.Proofs, p => Assert.True(Snarkjs.Verify(fixture.VerificationKey, p.Public, p.Proof), p.Proof));
    }

    [Fact]
    public void Mul_public_json_lists_the_output_before_the_public_inputs()
    {
        var fixture = OracleFixtures.Mul(proofs: 4);

        for (var i = 0; i < fixture.Proofs.Count; i++)
        {
            var signals = JsonSerializer.Deserialize<string[]>(File.ReadAllText(fixture.Proofs[i].Public))!;
            Assert.Equal(OracleFixtures.MulPublicSignals(i), signals.Select(BigInteger.Parse));
        }
    }

    [Fact]
    public void Verify_rejects_a_proof_whose_public_signal_was_changed()
    {
        var fixture = OracleFixtures.Mul(proofs: 4);
        var signals = JsonSerializer.Deserialize<string[]>(File.ReadAllText(fixture.Proofs[0].Public))!;
        signals[1] = (BigInteger.Parse(signals[1]) + 1).ToString();
        var tampered = Path.GetTempFileName();
        try
        {
            File.WriteAllText(tampered, JsonSerializer.Serialize(signals));
            Assert.False(Snarkjs.Verify(fixture.VerificationKey, tampered, fixture.Proofs[0].Proof));
        }
        finally
        {
            File.Delete(tampered);
        }
    }

    [Fact]
    public void Verify_rejects_a_proof_checked_against_another_proofs_public_signals()
    {
        var fixture = OracleFixtures.Mul(proofs: 4);

        Assert.False(Snarkjs.Verify(fixture.VerificationKey, fixture.Proofs[1].Public, fixture.Proofs[0].Proof));
    }

    [Fact]
    public void Setup_a_second_time_returns_the_cached_zkey_without_running_setup_again()
    {
        var circuit = Snarkjs.Compile(RepoPaths.Circuit("mul"));
        var first = Snarkjs.Setup(circuit.R1cs);
        var written = File.GetLastWriteTimeUtc(first);

        var second = Snarkjs.Setup(circuit.R1cs);

        Assert.Equal(first, second);
        Assert.Equal(written, File.GetLastWriteTimeUtc(second));
    }

    [Fact]
    public void Witness_and_prove_for_a_fresh_input_give_a_proof_snarkjs_accepts()
    {
        var circuit = Snarkjs.Compile(RepoPaths.Circuit("mul"));
        var zkey = Snarkjs.Setup(circuit.R1cs);
        var vk = Snarkjs.ExportVk(zkey);

        var wtns = Snarkjs.Witness(circuit.Wasm, """{"a":"9","b":"10","x":"11","y":"12","c":"13"}""");
        var proof = Snarkjs.Prove(zkey, wtns);

        Assert.True(Snarkjs.Verify(vk, proof.Public, proof.Proof));
        Assert.Equal(["11992", "9", "10"], JsonSerializer.Deserialize<string[]>(File.ReadAllText(proof.Public))!);
    }

    [Fact]
    public void Witness_for_an_input_missing_a_signal_throws_with_the_snarkjs_error()
    {
        var circuit = Snarkjs.Compile(RepoPaths.Circuit("mul"));

        var e = Assert.Throws<OracleException>(() => Snarkjs.Witness(circuit.Wasm, """{"a":"1","b":"2"}"""));
        Assert.Contains("wtns calculate", e.Message);
    }

    [Fact]
    public void Verify_throws_rather_than_reject_when_a_file_is_not_a_proof()
    {
        var fixture = OracleFixtures.Mul(proofs: 4);
        var garbage = Path.GetTempFileName();
        try
        {
            File.WriteAllText(garbage, "not json");
            var e = Assert.Throws<OracleException>(() => Snarkjs.Verify(fixture.VerificationKey, fixture.Proofs[0].Public, garbage));
            Assert.Contains("groth16 verify", e.Message);
        }
        finally
        {
            File.Delete(garbage);
        }
    }

    [Fact]
    public void Compile_reports_a_circom_error_with_the_compiler_output()
    {
        var dir = Path.Combine(RepoPaths.Root, ".build", "test-circuits");
        Directory.CreateDirectory(dir);
        // A fixed name and content, so repeated runs reuse one cache lock file instead of leaving a new one each time.
        var broken = Path.Combine(dir, "broken.circom");
        File.WriteAllText(broken, "pragma circom 2.0.0;\ntemplate T() { signal input a; signal output b; b <== a * ; }\ncomponent main = T();\n");

        var e = Assert.Throws<OracleException>(() => Snarkjs.Compile(broken));

        Assert.Contains("broken.circom", e.Message);
        Assert.Empty(Directory.EnumerateDirectories(RepoPaths.OracleCache, "broken-r1cs-*"));
    }

    [Fact]
    public void Chain_fits_the_power_14_ptau_and_its_proof_verifies()
    {
        var fixture = OracleFixtures.Chain(proofs: 1);

        Assert.True(Snarkjs.Verify(fixture.VerificationKey, fixture.Proofs[0].Public, fixture.Proofs[0].Proof));
    }
}
