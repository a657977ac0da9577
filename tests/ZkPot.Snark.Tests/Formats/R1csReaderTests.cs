using System.Globalization;
using System.Text.RegularExpressions;
using ZkPot.Snark.Formats;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Formats;

public sealed partial class R1csReaderTests
{
    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Read_gives_the_counts_snarkjs_r1cs_info_prints(string circuit)
    {
        var path = FormatFixtures.Circuit(circuit).R1cs;
        var info = Snarkjs.Run("r1cs", "info", path);
        var text = info.Stdout + info.Stderr;

        var r1cs = R1csReader.Read(path);

        Assert.Equal(Count(text, "Wires"), r1cs.NWires);
        Assert.Equal(Count(text, "Constraints"), r1cs.NConstraints);
        Assert.Equal(Count(text, "Private Inputs"), r1cs.NPrvIn);
        Assert.Equal(Count(text, "Public Inputs"), r1cs.NPubIn);
        Assert.Equal(Count(text, "Outputs"), r1cs.NPubOut);
        Assert.Equal((ulong)Count(text, "Labels"), r1cs.NLabels);
    }

    [Fact]
    public void Read_gives_the_mul_circuits_shape()
    {
        // mul.circom: out; public a, b; private x, y, c; three products and one linear constraint.
        var r1cs = R1csReader.Read(FormatFixtures.Mul.R1cs);

        Assert.Equal((1, 2, 3, 4), (r1cs.NPubOut, r1cs.NPubIn, r1cs.NPrvIn, r1cs.NConstraints));
        Assert.Equal(3, r1cs.NPublic);
        Assert.NotNull(r1cs.WireLabels);
        Assert.Equal(r1cs.NWires, r1cs.WireLabels.Length);
        Assert.Equal(0UL, r1cs.WireLabels[0]);
        // The linear constraint out = prod + ax + c has empty A and B rows.
        Assert.Equal(1, Enumerable.Range(0, r1cs.NConstraints).Count(i => r1cs.A.RowWires(i).IsEmpty && r1cs.B.RowWires(i).IsEmpty));
    }

    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Witness_from_circom_satisfies_every_constraint(string circuit)
    {
        var r1cs = R1csReader.Read(FormatFixtures.Circuit(circuit).R1cs);
        var witness = WitnessReader.Read(FormatFixtures.WitnessOf(circuit));

        Assert.Equal(r1cs.NWires, witness.Count);
        Assert.Equal(Fr.One, witness[0]);
        Assert.Equal(-1, r1cs.FirstUnsatisfiedConstraint(witness.Values));
    }

    [Fact]
    public void Mul_witness_holds_the_public_signals_after_wire_zero()
    {
        var witness = WitnessReader.Read(FormatFixtures.MulWitness);

        var expected = OracleFixtures.MulPublicSignals(0);
        for (var i = 0; i < expected.Count; i++)
            Assert.Equal(expected[i], witness[1 + i].ToBigInteger());
    }

    [Fact]
    public void A_changed_witness_value_violates_a_constraint()
    {
        var r1cs = R1csReader.Read(FormatFixtures.Mul.R1cs);
        var values = WitnessReader.Read(FormatFixtures.MulWitness).Values.ToArray();
        values[^1] += Fr.One;

        Assert.NotEqual(-1, r1cs.FirstUnsatisfiedConstraint(values));
    }

    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Write_of_read_reproduces_the_circom_file_byte_for_byte(string circuit)
    {
        var path = FormatFixtures.Circuit(circuit).R1cs;
        var stream = new MemoryStream();

        R1csWriter.Write(R1csReader.Read(path), stream);

        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void Read_from_a_stream_that_cannot_seek_equals_read_from_the_file()
    {
        var path = FormatFixtures.Mul.R1cs;
        var fromFile = new MemoryStream();
        R1csWriter.Write(R1csReader.Read(path), fromFile);

        var fromStream = new MemoryStream();
        R1csWriter.Write(R1csReader.Read(new ForwardOnlyStream(File.ReadAllBytes(path)), "mul stream"), fromStream);

        Assert.Equal(fromFile.ToArray(), fromStream.ToArray());
    }

    [Fact]
    public void Read_rejects_a_coefficient_not_below_r()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        var layout = new FileLayout(bytes);
        // Constraint 0: nA = 1, then wire id, then the 32-byte coefficient.
        FileLayout.Bytes32(Fr.Modulus).CopyTo(bytes, layout.Offset(2) + 8);

        var error = ReadBroken(bytes, "coefficient.r1cs");

        Assert.Contains("coefficient.r1cs", error.Message);
        Assert.Contains("section 2 (constraints), constraint 0 A term 0", error.Message);
        Assert.Contains("not below r", error.Message);
    }

    [Fact]
    public void Read_rejects_a_wire_id_outside_the_circuit()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        BitConverter.TryWriteBytes(bytes.AsSpan(new FileLayout(bytes).Offset(2) + 4), 10u);

        var error = ReadBroken(bytes, "wire.r1cs");

        Assert.Contains("constraint 0 A term 0: wire 10 is not below nWires 10", error.Message);
    }

    [Fact]
    public void Read_rejects_a_wire_repeated_in_one_linear_combination()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        var r1cs = R1csReader.Read(FormatFixtures.Mul.R1cs);
        // Constraint 3 is out = prod + ax + c: empty A and B rows, four C terms. Give its second term the first's wire.
        var offset = new FileLayout(bytes).Offset(2);
        for (var i = 0; i < 3; i++)
            offset += 3 * 4 + 36 * (r1cs.A.RowWires(i).Length + r1cs.B.RowWires(i).Length + r1cs.C.RowWires(i).Length);
        offset += 4 + 4 + 4;
        var first = r1cs.C.RowWires(3)[0];
        BitConverter.TryWriteBytes(bytes.AsSpan(offset + 36), first);

        var error = ReadBroken(bytes, "repeat.r1cs");

        Assert.Contains($"constraint 3 C term 1: wire {first} appears twice in one linear combination", error.Message);
    }

    [Fact]
    public void Read_accepts_the_same_wire_in_different_rows_and_matrices()
    {
        var r1cs = R1csReader.Read(FormatFixtures.Chain.R1cs);

        // chain's s[i+1] = s[i]^2 + k uses s[i] in both A and B of one constraint.
        Assert.Equal(r1cs.A.RowWires(1).ToArray(), r1cs.B.RowWires(1).ToArray());
    }

    [Fact]
    public void Read_rejects_a_file_over_another_prime()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        FileLayout.Bytes32(Fp.Modulus).CopyTo(bytes, new FileLayout(bytes).Offset(1) + 4);

        var error = ReadBroken(bytes, "prime.r1cs");

        Assert.Contains("section 1 (header): r1cs over another field", error.Message);
    }

    [Fact]
    public void Read_rejects_custom_gates()
    {
        var original = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        // Append an empty custom-gates list section (type 4) and count it.
        var bytes = original.Concat(new byte[] { 4, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }).ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 4u);

        var error = ReadBroken(bytes, "gates.r1cs");

        Assert.Contains("custom gates", error.Message);
    }

    [Fact]
    public void Read_skips_a_section_type_the_spec_does_not_define()
    {
        var original = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        var bytes = original.Concat(new byte[] { 9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0xAB }).ToArray();
        BitConverter.TryWriteBytes(bytes.AsSpan(8), 4u);

        var r1cs = R1csReader.Read(new MemoryStream(bytes), "extra.r1cs");

        Assert.Equal(R1csReader.Read(FormatFixtures.Mul.R1cs).NConstraints, r1cs.NConstraints);
    }

    [Fact]
    public void Read_rejects_wrong_magic_and_wrong_version()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.R1cs);
        var magic = (byte[])bytes.Clone();
        magic[0] = (byte)'x';
        var version = (byte[])bytes.Clone();
        version[4] = 2;

        Assert.Contains("magic.r1cs: not a .r1cs file: magic is \"x1cs\"", ReadBroken(magic, "magic.r1cs").Message);
        Assert.Contains("version.r1cs: unsupported .r1cs version 2", ReadBroken(version, "version.r1cs").Message);
    }

    [Fact]
    public void Read_rejects_every_truncation()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.R1cs);

        foreach (var length in new[] { 0, 3, 11, 20, 100, bytes.Length / 2, bytes.Length - 1 })
        {
            var error = ReadBroken(bytes[..length], "cut.r1cs");
            Assert.Contains("cut.r1cs", error.Message);
            Assert.Contains("truncated", error.Message);
        }
    }

    static InvalidDataException ReadBroken(byte[] bytes, string name)
    {
        using var directory = new TempDirectory();
        var path = directory.Write(name, bytes);
        return Assert.Throws<InvalidDataException>(() => R1csReader.Read(path));
    }

    static int Count(string info, string what)
    {
        var match = Regex.Match(info, $@"# of {Regex.Escape(what)}: (\d+)");
        Assert.True(match.Success, $"snarkjs r1cs info printed no '# of {what}': {info}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
