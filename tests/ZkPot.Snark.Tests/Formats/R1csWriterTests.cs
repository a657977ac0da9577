using System.Numerics;
using System.Text.Json;
using ZkPot.Snark.Formats;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Formats;

public sealed class R1csWriterTests
{
    [Fact]
    public void Read_of_write_gives_back_the_circuit_built_here()
    {
        var built = SmallCircuit.Build();
        var stream = new MemoryStream();
        R1csWriter.Write(built, stream);

        var read = R1csReader.Read(new MemoryStream(stream.ToArray()), "small.r1cs");

        Assert.Equal((built.NWires, built.NPubOut, built.NPubIn, built.NPrvIn, built.NLabels, built.NConstraints),
            (read.NWires, read.NPubOut, read.NPubIn, read.NPrvIn, read.NLabels, read.NConstraints));
        foreach (var (expected, actual) in new[] { (built.A, read.A), (built.B, read.B), (built.C, read.C) })
        {
            Assert.Equal(expected.RowStart.ToArray(), actual.RowStart.ToArray());
            Assert.Equal(expected.Wires.ToArray(), actual.Wires.ToArray());
            Assert.Equal(expected.Values.ToArray(), actual.Values.ToArray());
        }
        Assert.Equal(built.WireLabels, read.WireLabels);
    }

    [Fact]
    public void Snarkjs_accepts_a_written_circuit_and_witness_with_wtns_check()
    {
        using var directory = new TempDirectory();
        var r1cs = directory.File("small.r1cs");
        var good = directory.File("good.wtns");
        var bad = directory.File("bad.wtns");
        R1csWriter.Write(SmallCircuit.Build(), r1cs);
        WitnessWriter.Write(SmallCircuit.WitnessFor(3, 4), good);
        var values = SmallCircuit.WitnessFor(3, 4).Values.ToArray();
        values[1] += Fr.One;
        WitnessWriter.Write(new Witness(values), bad);

        Assert.Equal(-1, SmallCircuit.Build().FirstUnsatisfiedConstraint(SmallCircuit.WitnessFor(3, 4).Values));
        var accepted = FormatFixtures.RunSnarkjs("wtns", "check", r1cs, good);
        Assert.True(accepted.ExitCode == 0 && accepted.Stdout.Contains("WITNESS IS CORRECT"), accepted.Stdout + accepted.Stderr);
        var refused = FormatFixtures.RunSnarkjs("wtns", "check", r1cs, bad);
        Assert.True(refused.ExitCode == 1 && refused.Stdout.Contains("WITNESS IS NOT CORRECT"), refused.Stdout + refused.Stderr);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Snarkjs_sets_up_proves_and_verifies_a_circuit_and_witness_written_here()
    {
        using var directory = new TempDirectory();
        var r1csPath = directory.File("small.r1cs");
        var wtnsPath = directory.File("small.wtns");
        var circuit = SmallCircuit.Build();
        R1csWriter.Write(circuit, r1csPath);
        WitnessWriter.Write(SmallCircuit.WitnessFor(6, 7), wtnsPath);

        var zkeyPath = Snarkjs.Setup(r1csPath);
        var zkey = ZKeyReader.Read(zkeyPath);
        var vk = Snarkjs.ExportVk(zkeyPath);
        var proof = directory.File("proof.json");
        var publicJson = directory.File("public.json");
        Snarkjs.Run("groth16", "prove", zkeyPath, wtnsPath, proof, publicJson);

        Assert.Equal(ExpectedCoefficients.Of(circuit), zkey.Coefficients.ToArray());
        Assert.Equal([new BigInteger(6 * 7 + 5), new BigInteger(6)], JsonSerializer.Deserialize<string[]>(File.ReadAllText(publicJson))!.Select(BigInteger.Parse));
        Assert.True(Snarkjs.Verify(vk, publicJson, proof));
    }
}
