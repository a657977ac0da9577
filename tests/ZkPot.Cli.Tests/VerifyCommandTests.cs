using System.Diagnostics;
using System.Numerics;
using System.Text.Json.Nodes;
using ZkPot.TestSupport;

namespace ZkPot.Cli.Tests;

public class VerifyCommandTests
{
    static readonly OracleFixture Mul = OracleFixtures.Mul(proofs: 4);
    static readonly BigInteger P = BigInteger.Parse("21888242871839275222246405745257275088696311157297823662689037894645226208583");
    static readonly BigInteger R = BigInteger.Parse("21888242871839275222246405745257275088548364400416034343698204186575808495617");

    static (int Code, string Out, string Err) Verify(string proof, string pub, string? vk = null) =>
        CliRunner.Run("verify", "--vk", vk ?? Mul.VerificationKey, "--proof", proof, "--public", pub);

    static string Edit(string path, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(File.ReadAllText(path))!;
        change(node);
        var file = Path.Combine(CliRunner.TempDir(), Path.GetFileName(path));
        File.WriteAllText(file, node.ToJsonString());
        return file;
    }

    static void AssertMalformed((int Code, string Out, string Err) r, string mention)
    {
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains(mention, r.Err);
    }

    [Fact]
    public void Valid_proof_prints_OK_and_exits_0()
    {
        var r = Verify(Mul.Proofs[0].Proof, Mul.Proofs[0].Public);
        Assert.Equal((0, "OK"), (r.Code, r.Out.Trim()));
    }

    [Fact]
    public void Well_formed_wrong_proof_prints_INVALID_and_exits_1()
    {
        var r = Verify(Mul.Proofs[0].Proof, Mul.Proofs[1].Public);
        Assert.Equal((1, "INVALID"), (r.Code, r.Out.Trim()));
    }

    [Fact]
    public void Unreadable_json_exits_2()
    {
        var f = Path.Combine(CliRunner.TempDir(), "proof.json");
        File.WriteAllText(f, "{nope");
        AssertMalformed(Verify(f, Mul.Proofs[0].Public), "not valid JSON");
    }

    [Fact]
    public void Missing_file_exits_2() =>
        AssertMalformed(Verify("/nonexistent/proof.json", Mul.Proofs[0].Public), "/nonexistent/proof.json");

    [Fact]
    public void Wrong_number_of_public_signals_exits_2() =>
        AssertMalformed(Verify(Mul.Proofs[0].Proof, Edit(Mul.Proofs[0].Public, n => n.AsArray().RemoveAt(2))), "public signals");

    [Fact]
    public void Coordinate_not_below_p_exits_2() =>
        AssertMalformed(Verify(Edit(Mul.Proofs[0].Proof, n => n["pi_a"]![1] = (BigInteger.Parse(n["pi_a"]![1]!.GetValue<string>()) + P).ToString()), Mul.Proofs[0].Public), "pi_a.y");

    [Fact]
    public void Point_off_curve_exits_2() =>
        AssertMalformed(Verify(Edit(Mul.Proofs[0].Proof, n => n["pi_c"]![0] = "1"), Mul.Proofs[0].Public), "not on the curve");

    [Fact]
    public void G2_point_outside_subgroup_exits_2()
    {
        // x = 1 + 0u: the first x whose curve equation has a root gives a twist point outside G2.
        for (int x = 1; ; x++)
        {
            var fx = new ZkPot.Crypto.Fp2(ZkPot.Crypto.PrimeField<ZkPot.Crypto.PModulus>.FromUInt64((ulong)x), default);
            if (!(fx.Square() * fx + ZkPot.Crypto.G2.B).TrySqrt(out var y)) continue;
            var proof = Edit(Mul.Proofs[0].Proof, n =>
            {
                n["pi_b"]![0] = new JsonArray(x.ToString(), "0");
                n["pi_b"]![1] = new JsonArray(y.C0.ToDecimal(), y.C1.ToDecimal());
            });
            AssertMalformed(Verify(proof, Mul.Proofs[0].Public), "subgroup");
            return;
        }
    }

    [Fact]
    public void Public_signal_not_below_r_exits_2() =>
        AssertMalformed(Verify(Mul.Proofs[0].Proof, Edit(Mul.Proofs[0].Public, n => n[0] = R.ToString())), "below the group order");

    [Fact]
    public void Unknown_option_and_missing_option_exit_2()
    {
        AssertMalformed(CliRunner.Run("verify", "--vk", Mul.VerificationKey, "--proof", Mul.Proofs[0].Proof, "--public", Mul.Proofs[0].Public, "--fast"), "--fast");
        AssertMalformed(CliRunner.Run("verify", "--proof", Mul.Proofs[0].Proof), "--vk");
        AssertMalformed(CliRunner.Run("no-such-verb"), "unknown verb");
    }

    [Fact]
    public void Batch_of_valid_proofs_exits_0_with_a_line_each_and_a_summary()
    {
        var r = CliRunner.Run("verify", "--vk", Mul.VerificationKey, "--batch", Mul.BatchDirectory);
        Assert.Equal(0, r.Code);
        var lines = r.Out.TrimEnd().Split('\n');
        Assert.Equal(Mul.Proofs.Count + 1, lines.Length);
        Assert.All(lines[..^1], l => Assert.EndsWith(" OK", l));
        Assert.Equal($"{Mul.Proofs.Count} proofs: {Mul.Proofs.Count} valid, 0 invalid, 0 malformed", lines[^1]);
    }

    [Fact]
    public void Batch_names_invalid_and_malformed_proofs()
    {
        var dir = CliRunner.TempDir();
        foreach (var f in Directory.GetFiles(Mul.BatchDirectory)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        File.Copy(Path.Combine(dir, "000.public.json"), Path.Combine(dir, "001.public.json"), overwrite: true);
        var r = CliRunner.Run("verify", "--vk", Mul.VerificationKey, "--batch", dir);
        Assert.Equal(1, r.Code);
        Assert.Contains("001 INVALID", r.Out);
        Assert.Contains("000 OK", r.Out);

        File.WriteAllText(Path.Combine(dir, "002.proof.json"), "[]");
        r = CliRunner.Run("verify", "--vk", Mul.VerificationKey, "--batch", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("002 MALFORMED", r.Out);
    }

    [Fact]
    public void The_real_process_maps_outcomes_to_exit_codes()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "zkpot.dll");
        int Exit(params string[] a)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(dll);
            foreach (var s in a) psi.ArgumentList.Add(s);
            using var p = Process.Start(psi)!;
            p.StandardOutput.ReadToEnd(); p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode;
        }
        Assert.Equal(0, Exit("verify", "--vk", Mul.VerificationKey, "--proof", Mul.Proofs[0].Proof, "--public", Mul.Proofs[0].Public));
        Assert.Equal(1, Exit("verify", "--vk", Mul.VerificationKey, "--proof", Mul.Proofs[0].Proof, "--public", Mul.Proofs[1].Public));
        Assert.Equal(2, Exit("verify", "--vk", Mul.VerificationKey, "--proof", Mul.Proofs[0].Public, "--public", Mul.Proofs[1].Public));
    }
}
