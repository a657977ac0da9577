using System.Text.Json;

namespace ZkPot.Crypto.Tests;

public class Eip196VectorTests
{
    public record Vector(string Input, string Expected, string Name);

    static IEnumerable<object[]> Load(string file) =>
        JsonSerializer.Deserialize<Vector[]>(File.ReadAllText(ZkPot.TestSupport.RepoPaths.TestVector("eip196-197/" + file)))!
            .Select(v => new object[] { v.Name, v.Input, v.Expected });

    public static IEnumerable<object[]> AddVectors => Load("bn256Add.json");
    public static IEnumerable<object[]> MulVectors => Load("bn256ScalarMul.json");
    public static IEnumerable<object[]> PairingVectors => Load("bn256Pairing.json");

    [Theory, MemberData(nameof(AddVectors))]
    public void EcAdd_matches_go_ethereum_vector(string name, string input, string expected) =>
        Assert.Equal((name, expected), (name, Convert.ToHexStringLower(Eip196.Add(Convert.FromHexString(input)))));

    [Theory, MemberData(nameof(MulVectors))]
    public void EcMul_matches_go_ethereum_vector(string name, string input, string expected) =>
        Assert.Equal((name, expected), (name, Convert.ToHexStringLower(Eip196.Mul(Convert.FromHexString(input)))));

    [Theory, MemberData(nameof(PairingVectors))]
    public void Pairing_check_matches_go_ethereum_vector(string name, string input, string expected)
    {
        bool ok = Eip196.PairingCheck(Convert.FromHexString(input));
        Assert.Equal((name, expected[^2..] == "01"), (name, ok));
    }

    [Fact]
    public void Vector_files_are_all_present()
    {
        Assert.Equal(16, AddVectors.Count());
        Assert.Equal(19, MulVectors.Count());
        Assert.Equal(14, PairingVectors.Count());
    }

    [Fact]
    public void Coordinate_written_as_x_plus_p_is_rejected()
    {
        var g = Eip196.WriteG1(G1.Generator);
        var x = new System.Numerics.BigInteger(g.AsSpan(0, 32), isUnsigned: true, isBigEndian: true) + Fp.Modulus;
        var bytes = x.ToByteArray(isUnsigned: true, isBigEndian: true);
        bytes.CopyTo(g.AsSpan(32 - bytes.Length));
        var e = Assert.Throws<FormatException>(() => Eip196.ReadG1(g));
        Assert.Contains("not below the field modulus", e.Message);
    }

    [Fact]
    public void Point_off_curve_is_rejected()
    {
        var g = Eip196.WriteG1(G1.Generator);
        g[63] ^= 1;
        Assert.Throws<InvalidDataException>(() => Eip196.ReadG1(g));
    }
}
