using System.Numerics;
using System.Text.Json;
using ZkPot.Snark.Circuits;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Tests.Formats;
using ZkPot.TestSupport;
using static ZkPot.Snark.Tests.Circuits.Tampering;

namespace ZkPot.Snark.Tests.Circuits;

/// <summary>The builder against circom and snarkjs: the same circuit gives the same shape and witness, and snarkjs proves what we write.</summary>
public class CircomInteropTests
{
    const int ChainSteps = 16000;

    [Fact, Trait("Category", "Slow")]
    public void Chain_built_here_has_circoms_shape_and_witness()
    {
        var compiled = Snarkjs.Compile(RepoPaths.Circuit("chain"));
        var circom = R1csReader.Read(compiled.R1cs);
        var circomWitness = WitnessReader.Read(Snarkjs.Witness(compiled.Wasm, OracleFixtures.ChainInput(0)));
        // ChainInput(0) is x = 2, k = 1.
        var ours = CircuitBuilder.Build(new ChainCircuit(ChainSteps, F(2), F(1)));

        Assert.Equal((circom.NConstraints, circom.NWires, circom.NPubOut, circom.NPubIn, circom.NPrvIn),
            (ours.R1cs.NConstraints, ours.R1cs.NWires, ours.R1cs.NPubOut, ours.R1cs.NPubIn, ours.R1cs.NPrvIn));
        Assert.Equal(circomWitness.Values.ToArray(), ours.Witness.Values.ToArray());
        AssertSatisfied(ours);
        // Same constraints up to how each side writes them: each system accepts the other's witness.
        Assert.Equal(-1, circom.FirstUnsatisfiedConstraint(ours.Witness.Values));
        var changed = ours.Witness.Values.ToArray();
        changed[ChainSteps / 2] += Fr.One;
        Assert.True(circom.FirstUnsatisfiedConstraint(changed) >= 0);
        Assert.True(ours.R1cs.FirstUnsatisfiedConstraint(changed) >= 0);
    }

    // x * y = t, t + x is public output z, range check of y to 8 bits, y < x via comparison, IsZero and Poseidon.
    sealed class SmallMixedCircuit(long x, long y) : ICircuit
    {
        public void Define(CircuitBuilder builder)
        {
            var a = builder.PublicInput(F(x));
            var b = builder.PrivateInput(F(y));
            var product = builder.Mul(a, b);
            var z = builder.PublicOutput(builder.Value(product + a));
            builder.AssertEqual(product + a, z);
            builder.AssertFitsInBits(a, 8);
            builder.AssertFitsInBits(b, 8);
            builder.AssertEqual(builder.LessThan(b, a, 8), 1, "y < x");
            builder.AssertEqual(builder.IsZero(b), 0, "y != 0");
            var digest = builder.PublicInput(Crypto.Poseidon.Hash(F(x), F(y)));
            builder.AssertEqual(builder.Poseidon(a, b), digest, "digest");
        }
    }

    [Fact]
    public void Snarkjs_reads_the_r1cs_written_for_a_builder_circuit()
    {
        var built = CircuitBuilder.Build(new SmallMixedCircuit(9, 4));
        using var directory = new TempDirectory();
        var r1cs = directory.File("mixed.r1cs");
        R1csWriter.Write(built.R1cs, r1cs);

        var info = Snarkjs.Run("r1cs", "info", r1cs).Stdout;

        Assert.Contains($"# of Wires: {built.R1cs.NWires}", info);
        Assert.Contains($"# of Constraints: {built.R1cs.NConstraints}", info);
        Assert.Contains("# of Private Inputs: 1", info);
        Assert.Contains("# of Public Inputs: 2", info);
        Assert.Contains("# of Outputs: 1", info);
    }

    [Fact, Trait("Category", "Slow")]
    public void Snarkjs_sets_up_proves_and_verifies_a_builder_circuit_with_our_witness()
    {
        var built = CircuitBuilder.Build(new SmallMixedCircuit(9, 4));
        AssertSatisfied(built);
        using var directory = new TempDirectory();
        var r1cs = directory.File("mixed.r1cs");
        var wtns = directory.File("mixed.wtns");
        R1csWriter.Write(built.R1cs, r1cs);
        WitnessWriter.Write(built.Witness, wtns);

        var check = Snarkjs.Run("wtns", "check", r1cs, wtns);
        Assert.Contains("WITNESS IS CORRECT", check.Stdout);
        var zkey = Snarkjs.Setup(r1cs);
        var proof = Snarkjs.Prove(zkey, wtns);
        Assert.True(Snarkjs.Verify(Snarkjs.ExportVk(zkey), proof.Public, proof.Proof));

        var publicJson = JsonSerializer.Deserialize<string[]>(File.ReadAllText(proof.Public))!.Select(BigInteger.Parse);
        Assert.Equal(built.PublicSignals.ToArray().Select(s => s.ToBigInteger()), publicJson);
        Assert.Equal([new BigInteger(9 * 4 + 9), new BigInteger(9)], publicJson.Take(2));
    }
}
