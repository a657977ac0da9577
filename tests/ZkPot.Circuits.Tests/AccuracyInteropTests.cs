using ZkPot.Learning;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;
using ZkPot.Snark.Json;
using ZkPot.Snark.Setup;
using ZkPot.TestSupport;

namespace ZkPot.Circuits.Tests;

/// <summary>
/// The accuracy circuit of a small shape (one hidden unit, two samples) checked by snarkjs: the exported .r1cs with the
/// honest .wtns passes `snarkjs wtns check`, tampered witnesses do not, and snarkjs proves and verifies it from a key
/// made here (plain Groth16: the committed wires are ordinary private wires to snarkjs), a proof our verifier accepts too.
/// </summary>
[Trait("Category", "Slow")]
public sealed class AccuracyInteropTests : IDisposable
{
    const int M1 = 2000;
    readonly string _dir = Directory.CreateTempSubdirectory("zkpot-accuracy-interop-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    static ProcessOutput Snarkjs(params string[] arguments) =>
        NodeProcess.Run([Path.Combine(RepoPaths.NodeModules, "snarkjs", "build", "cli.cjs"), .. arguments]);

    static BuiltCircuit Honest()
    {
        var batch = TestModels.Batch(2);
        var model = TestModels.Random(5, hidden: 1, m1: M1);
        var statement = new AccuracyStatement(Fr.FromUInt64(7), 3, Fr.FromUInt64(11), model.CountCorrect(batch));
        return CircuitBuilder.Build(new AccuracyCircuit(batch, 1, M1, statement, model, Fr.FromUInt64(99)));
    }

    string WriteWitness(string name, Fr[] values)
    {
        var path = Path.Combine(_dir, name + ".wtns");
        WitnessWriter.Write(new Witness(values), path);
        return path;
    }

    [Fact]
    public void Snarkjs_accepts_the_honest_witness_and_refuses_tampered_ones()
    {
        var built = Honest();
        Assert.True(built.IsSatisfied);
        var r1cs = Path.Combine(_dir, "accuracy.r1cs");
        R1csWriter.Write(built.R1cs, r1cs);
        var honest = Snarkjs("wtns", "check", r1cs, WriteWitness("honest", built.Witness.Values.ToArray()));
        Assert.True(honest.ExitCode == 0 && honest.Stdout.Contains("WITNESS IS CORRECT"), honest.Stdout + honest.Stderr);

        // The public count (wire 4) one higher; the first committed weight (wire 5) changed; a late internal wire changed.
        int last = built.Witness.Values.Length - 2;
        foreach (var (name, wire) in new[] { ("count", 4), ("weight", 5), ("internal", last) })
        {
            var values = built.Witness.Values.ToArray();
            values[wire] += Fr.One;
            Assert.True(built.R1cs.FirstUnsatisfiedConstraint(values) >= 0, $"{name}: our check accepts the tampered witness");
            var refused = Snarkjs("wtns", "check", r1cs, WriteWitness(name, values));
            Assert.True(refused.ExitCode == 1 && refused.Stdout.Contains("WITNESS IS NOT CORRECT"), $"{name}: " + refused.Stdout + refused.Stderr);
        }
    }

    [Fact]
    public void Snarkjs_proves_and_verifies_the_accuracy_circuit_from_a_key_made_here()
    {
        var built = Honest();
        var r1cs = Path.Combine(_dir, "accuracy.r1cs");
        R1csWriter.Write(built.R1cs, r1cs);
        ZKey key;
        using (var ptau = PowersOfTau.Open(PtauFixtures.For(r1cs)))
            key = Phase2Ceremony.Contribute(Groth16Setup.FromPowersOfTau(built.R1cs, ptau), "interop test");
        var zkey = Path.Combine(_dir, "accuracy.zkey");
        ZKeyWriter.Write(key, zkey);
        var vk = ZKeyExport.ToVerifyingKey(key);
        var vkPath = Path.Combine(_dir, "verification_key.json");
        SnarkjsJson.WriteVerifyingKey(vkPath, vk);

        var proof = ZkPot.TestSupport.Snarkjs.Prove(zkey, WriteWitness("honest", built.Witness.Values.ToArray()));
        Assert.True(ZkPot.TestSupport.Snarkjs.Verify(vkPath, proof.Public, proof.Proof));
        var signals = SnarkjsJson.ReadPublic(proof.Public);
        Assert.Equal(built.PublicSignals.ToArray(), signals);
        Assert.True(Groth16Verifier.Verify(vk, signals, SnarkjsJson.ReadProof(proof.Proof)));
        // The same proof for one more correct sample fails both verifiers.
        signals[^1] += Fr.One;
        SnarkjsJson.WritePublic(Path.Combine(_dir, "inflated.json"), signals);
        Assert.False(ZkPot.TestSupport.Snarkjs.Verify(vkPath, Path.Combine(_dir, "inflated.json"), proof.Proof));
        Assert.False(Groth16Verifier.Verify(vk, signals, SnarkjsJson.ReadProof(proof.Proof)));
    }
}
