using System.Numerics;
using System.Text.Json.Nodes;
using ZkPot.Snark.Json;
using ZkPot.TestSupport;

namespace ZkPot.Snark.Tests.Groth16;

/// <summary>Every non-canonical or invalid encoding in snarkjs JSON is refused with a message naming the field.</summary>
public class JsonStrictnessTests
{
    static readonly OracleFixture Mul = OracleFixtures.Mul(proofs: 1);
    static readonly BigInteger P = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    static readonly BigInteger R = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    static string Mutated(string path, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        change(node);
        var file = Path.Combine(Directory.CreateTempSubdirectory("zkpot-strict-").FullName, Path.GetFileName(path));
        File.WriteAllText(file, node.ToJsonString());
        return file;
    }

    static string Message(Action read) => Assert.Throws<InvalidDataException>(read).Message;

    [Fact]
    public void Coordinate_written_as_x_plus_p_is_refused()
    {
        var f = Mutated(Mul.Proofs[0].Proof, n => n["pi_a"]![0] = (BigInteger.Parse(n["pi_a"]![0]!.GetValue<string>()) + P).ToString());
        Assert.Contains("pi_a.x", Message(() => SnarkjsJson.ReadProof(f)));
    }

    [Fact]
    public void Point_off_curve_is_refused()
    {
        var f = Mutated(Mul.Proofs[0].Proof, n => n["pi_c"]![1] = (BigInteger.Parse(n["pi_c"]![1]!.GetValue<string>()) + 1 % P).ToString());
        Assert.Contains("not on the curve", Message(() => SnarkjsJson.ReadProof(f)));
    }

    [Fact]
    public void G2_point_outside_the_subgroup_is_refused()
    {
        // (x, y) on the twist but not in G2: found by trying x = 1, 2, ... (a random twist point is almost never in G2).
        for (int x = 1; ; x++)
        {
            var fx = new ZkPot.Crypto.Fp2(Fp.FromUInt64((ulong)x), Fp.Zero);
            if (!(fx.Square() * fx + ZkPot.Crypto.G2.B).TrySqrt(out var y)) continue;
            var f = Mutated(Mul.Proofs[0].Proof, n =>
            {
                n["pi_b"]![0] = new JsonArray(x.ToString(), "0");
                n["pi_b"]![1] = new JsonArray(y.C0.ToDecimal(), y.C1.ToDecimal());
            });
            Assert.Contains("subgroup", Message(() => SnarkjsJson.ReadProof(f)));
            return;
        }
    }

    [Fact]
    public void Public_signal_not_below_r_is_refused()
    {
        var f = Mutated(Mul.Proofs[0].Public, n => n[0] = R.ToString());
        Assert.Contains("public signal [0]", Message(() => SnarkjsJson.ReadPublic(f)));
    }

    [Fact]
    public void Leading_zeros_and_non_strings_are_refused()
    {
        var f = Mutated(Mul.Proofs[0].Public, n => n[1] = "0" + n[1]!.GetValue<string>());
        Assert.Contains("public signal [1]", Message(() => SnarkjsJson.ReadPublic(f)));
        var g = Mutated(Mul.Proofs[0].Public, n => n[1] = 5);
        Assert.Contains("decimal string", Message(() => SnarkjsJson.ReadPublic(g)));
    }

    [Fact]
    public void Projective_z_other_than_one_is_refused()
    {
        var f = Mutated(Mul.Proofs[0].Proof, n => n["pi_a"]![2] = "2");
        Assert.Contains("z must be", Message(() => SnarkjsJson.ReadProof(f)));
    }

    [Fact]
    public void Key_with_wrong_IC_count_or_protocol_is_refused()
    {
        var f = Mutated(Mul.VerificationKey, n => n["nPublic"] = 2);
        Assert.Contains("IC has", Message(() => SnarkjsJson.ReadVerifyingKey(f)));
        var g = Mutated(Mul.VerificationKey, n => n["protocol"] = "plonk");
        Assert.Contains("protocol", Message(() => SnarkjsJson.ReadVerifyingKey(g)));
    }

    [Fact]
    public void Broken_json_is_refused_with_the_path()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("zkpot-strict-").FullName, "proof.json");
        File.WriteAllText(file, "{ \"pi_a\": [");
        var m = Message(() => SnarkjsJson.ReadProof(file));
        Assert.Contains(file, m);
        Assert.Contains("not valid JSON", m);
    }
}
