using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Formats;

public sealed class ModelValidationTests
{
    [Fact]
    public void R1csMatrix_rejects_row_starts_that_decrease_or_miss_the_terms()
    {
        Assert.Throws<ArgumentException>(() => new R1csMatrix([0, 2, 1], [1, 2], [Fr.One, Fr.One]));
        Assert.Throws<ArgumentException>(() => new R1csMatrix([0, 1], [1, 2], [Fr.One, Fr.One]));
        Assert.Throws<ArgumentException>(() => new R1csMatrix([1, 2], [1, 2], [Fr.One, Fr.One]));
    }

    [Fact]
    public void R1cs_rejects_a_wire_outside_the_circuit_and_mismatched_row_counts()
    {
        var one = new R1csMatrix([0, 1], [4], [Fr.One]);
        var empty = new R1csMatrix([0, 0], [], []);

        Assert.Throws<ArgumentException>(() => new R1cs(4, 1, 1, 1, 4, one, empty, empty));
        Assert.Throws<ArgumentException>(() => new R1cs(5, 1, 1, 1, 5, one, new R1csMatrix([0, 0, 0], [], []), empty));
        Assert.Throws<ArgumentException>(() => new R1cs(3, 1, 1, 1, 3, empty, empty, empty));
    }

    [Fact]
    public void ZKey_rejects_arrays_that_disagree_with_the_header()
    {
        var zkey = ZKeyReader.Read(FormatFixtures.Mul.Zkey);
        var h = zkey.Header;
        var c = zkey.C.ToArray();

        Assert.Throws<ArgumentException>(() => new ZKey(h, zkey.IC[1..].ToArray(), zkey.Coefficients.ToArray(), zkey.A.ToArray(),
            zkey.B1.ToArray(), zkey.B2.ToArray(), c, zkey.H.ToArray(), zkey.Contributions));
        var outside = new ZKeyCoefficient(ZKeyMatrix.B, (uint)h.DomainSize, 0, Fr.One);
        Assert.Throws<ArgumentException>(() => new ZKey(h, zkey.IC.ToArray(), [outside], zkey.A.ToArray(),
            zkey.B1.ToArray(), zkey.B2.ToArray(), c, zkey.H.ToArray(), zkey.Contributions));
    }

    [Fact]
    public void ZKeyHeader_rejects_a_domain_that_is_not_a_power_of_two()
    {
        var h = ZKeyReader.Read(FormatFixtures.Mul.Zkey).Header;

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ZKeyHeader(h.NVars, h.NPublic, 12, h.Alpha1, h.Beta1, h.Beta2, h.Gamma2, h.Delta1, h.Delta2));
    }

    [Fact]
    public void Readers_start_at_the_streams_current_position()
    {
        var witness = File.ReadAllBytes(FormatFixtures.MulWitness);
        var stream = new MemoryStream([.. new byte[] { 1, 2, 3 }, .. witness]) { Position = 3 };

        var read = WitnessReader.Read(stream, "embedded witness");

        Assert.Equal(WitnessReader.Read(FormatFixtures.MulWitness).Values.ToArray(), read.Values.ToArray());
    }
}
