using System.Numerics;
using System.Text.Json;
using ZkPot.Crypto;
using ZkPot.Snark.Formats;

namespace ZkPot.Snark.Tests.Formats;

public sealed class ZKeyReaderTests
{
    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Header_sizes_follow_from_the_r1cs(string circuit)
    {
        var fixture = FormatFixtures.Circuit(circuit);
        var r1cs = R1csReader.Read(fixture.R1cs);

        var zkey = ZKeyReader.Read(fixture.Zkey);

        Assert.Equal(r1cs.NWires, zkey.Header.NVars);
        Assert.Equal(r1cs.NPublic, zkey.Header.NPublic);
        // Setup adds one row per public signal and wire 0 to the circuit's constraints.
        Assert.Equal((int)BitOperations.RoundUpToPowerOf2((uint)(r1cs.NConstraints + r1cs.NPublic + 1)), zkey.Header.DomainSize);
        Assert.Equal(1 << zkey.Header.Power, zkey.Header.DomainSize);
        Assert.Equal(r1cs.NPublic + 1, zkey.IC.Length);
        Assert.Equal(r1cs.NWires, zkey.A.Length);
        Assert.Equal(r1cs.NWires, zkey.B1.Length);
        Assert.Equal(r1cs.NWires, zkey.B2.Length);
        Assert.Equal(r1cs.NWires - r1cs.NPublic - 1, zkey.C.Length);
        Assert.Equal(zkey.Header.DomainSize, zkey.H.Length);
    }

    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Header_points_and_IC_equal_the_verification_key_snarkjs_exported(string circuit)
    {
        var fixture = FormatFixtures.Circuit(circuit);
        using var vk = JsonDocument.Parse(File.ReadAllText(fixture.VerificationKey));
        var root = vk.RootElement;

        var zkey = ZKeyReader.Read(fixture.Zkey);

        Assert.Equal(root.GetProperty("nPublic").GetInt32(), zkey.Header.NPublic);
        Assert.Equal(G1FromJson(root.GetProperty("vk_alpha_1")), zkey.Header.Alpha1);
        Assert.Equal(G2FromJson(root.GetProperty("vk_beta_2")), zkey.Header.Beta2);
        Assert.Equal(G2FromJson(root.GetProperty("vk_gamma_2")), zkey.Header.Gamma2);
        Assert.Equal(G2FromJson(root.GetProperty("vk_delta_2")), zkey.Header.Delta2);
        Assert.Equal(root.GetProperty("IC").EnumerateArray().Select(G1FromJson), zkey.IC.ToArray());
    }

    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Coefficients_are_the_r1cs_A_and_B_rows_plus_one_row_per_public_signal(string circuit)
    {
        var fixture = FormatFixtures.Circuit(circuit);
        var r1cs = R1csReader.Read(fixture.R1cs);

        var zkey = ZKeyReader.Read(fixture.Zkey);

        Assert.Equal(ExpectedCoefficients.Of(r1cs), zkey.Coefficients.ToArray());
    }

    [Fact]
    public void A_wire_without_terms_in_A_or_B_has_the_point_at_infinity_there()
    {
        var zkey = ZKeyReader.Read(FormatFixtures.Mul.Zkey);
        var coefficients = zkey.Coefficients.ToArray();

        for (var wire = 0u; wire < zkey.Header.NVars; wire++)
        {
            var inA = coefficients.Any(k => k.Matrix == ZKeyMatrix.A && k.Signal == wire);
            var inB = coefficients.Any(k => k.Matrix == ZKeyMatrix.B && k.Signal == wire);
            Assert.Equal(!inA, zkey.A[(int)wire].IsInfinity);
            Assert.Equal(!inB, zkey.B1[(int)wire].IsInfinity);
            Assert.Equal(!inB, zkey.B2[(int)wire].IsInfinity);
        }
        Assert.Contains(zkey.A.ToArray(), p => p.IsInfinity);
    }

    [Fact]
    public void Contributions_report_the_fixture_contributor_and_end_at_delta()
    {
        var zkey = ZKeyReader.Read(FormatFixtures.Mul.Zkey);

        Assert.Equal(1, zkey.Contributions.Count);
        var contribution = zkey.Contributions.Items[0];
        Assert.Equal("zkpot oracle fixture", contribution.Name);
        Assert.Equal(0u, contribution.Type);
        Assert.Equal(zkey.Header.Delta1, contribution.DeltaAfter);
        Assert.Equal(ZKeyContributions.CircuitHashSize, zkey.Contributions.CircuitHash.Length);
    }

    [Fact]
    public void Encoding_the_parsed_contributions_gives_back_the_section_snarkjs_wrote()
    {
        var parsed = ZKeyReader.Read(FormatFixtures.Mul.Zkey).Contributions;

        var encoded = new ZKeyContributions(parsed.CircuitHash.ToArray(), parsed.Items);

        Assert.Equal(parsed.Raw.ToArray(), encoded.Raw.ToArray());
    }

    [Theory]
    [InlineData("mul")]
    [InlineData("chain")]
    public void Write_of_read_reproduces_the_snarkjs_file_byte_for_byte(string circuit)
    {
        var path = FormatFixtures.Circuit(circuit).Zkey;
        var stream = new MemoryStream();

        ZKeyWriter.Write(ZKeyReader.Read(path), stream);

        Assert.Equal(File.ReadAllBytes(path), stream.ToArray());
    }

    [Fact]
    public void Read_from_a_stream_that_cannot_seek_equals_read_from_the_file()
    {
        var bytes = File.ReadAllBytes(FormatFixtures.Mul.Zkey);
        var stream = new MemoryStream();

        ZKeyWriter.Write(ZKeyReader.Read(new ForwardOnlyStream(bytes), "mul stream"), stream);

        Assert.Equal(bytes, stream.ToArray());
    }

    static G1Affine G1FromJson(JsonElement e)
    {
        Assert.Equal("1", e[2].GetString());
        return new G1Affine(Fp.ParseDecimal(e[0].GetString()!), Fp.ParseDecimal(e[1].GetString()!));
    }

    static G2Affine G2FromJson(JsonElement e)
    {
        static Fp2 Coordinate(JsonElement c) => new(Fp.ParseDecimal(c[0].GetString()!), Fp.ParseDecimal(c[1].GetString()!));
        return new G2Affine(Coordinate(e[0]), Coordinate(e[1]));
    }
}
