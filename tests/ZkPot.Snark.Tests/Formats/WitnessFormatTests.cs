using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Formats;

public sealed class WitnessFormatTests
{
    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Write_of_read_reproduces_the_snarkjs_file_byte_for_byte(string circuit)
    {
        var path = FormatFixtures.WitnessOf(circuit);
        var stream = new MemoryStream();

        WitnessWriter.Write(WitnessReader.Read(path), stream);

        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void Read_of_write_gives_back_every_value()
    {
        var witness = new Witness([Fr.One, -Fr.One, Fr.FromUInt64(12345), Fr.Random(new Random(7))]);
        var stream = new MemoryStream();
        WitnessWriter.Write(witness, stream);

        var read = WitnessReader.Read(new MemoryStream(stream.ToArray()), "values.wtns");

        Assert.Equal(witness.Values.ToArray(), read.Values.ToArray());
    }

    [Fact]
    public void Read_rejects_a_value_not_below_r_and_names_its_index()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.MulWitness);
        FileLayout.Bytes32(Fr.Modulus + 5).CopyTo(bytes, new FileLayout(bytes).Offset(2) + 3 * 32);

        var error = ReadBroken(bytes, "big.wtns");

        Assert.Contains("big.wtns: section 2 (witness values), value 3: value is not below r", error.Message);
    }

    [Fact]
    public void Read_rejects_a_witness_over_another_prime()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.MulWitness);
        FileLayout.Bytes32(Fp.Modulus).CopyTo(bytes, new FileLayout(bytes).Offset(1) + 4);

        Assert.Contains("witness over another field", ReadBroken(bytes, "prime.wtns").Message);
    }

    [Fact]
    public void Read_rejects_a_count_that_disagrees_with_the_values_section()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.MulWitness);
        var countOffset = new FileLayout(bytes).Offset(1) + 4 + 32;
        BitConverter.TryWriteBytes(bytes.AsSpan(countOffset), BitConverter.ToUInt32(bytes, countOffset) + 1);

        var error = ReadBroken(bytes, "count.wtns");

        Assert.Contains("section 2 (witness values) has 320 bytes, expected 352", error.Message);
    }

    [Fact]
    public void Read_rejects_wrong_magic_wrong_version_and_truncation()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.MulWitness);
        var magic = (byte[])bytes.Clone();
        magic[3] = (byte)'x';
        var version = (byte[])bytes.Clone();
        version[4] = 1;

        Assert.Contains("not a .wtns file", ReadBroken(magic, "magic.wtns").Message);
        Assert.Contains("unsupported .wtns version 1, expected 2", ReadBroken(version, "version.wtns").Message);
        foreach (var length in new[] { 0, 7, 30, 60, bytes.Length - 1 })
            Assert.Contains("truncated", ReadBroken(bytes[..length], "cut.wtns").Message);
    }

    static InvalidDataException ReadBroken(byte[] bytes, string name)
    {
        using var directory = new TempDirectory();
        var path = directory.Write(name, bytes);
        var error = Assert.Throws<InvalidDataException>(() => WitnessReader.Read(path));
        Assert.Contains(path, error.Message);
        return error;
    }
}
