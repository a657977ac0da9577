using System.Diagnostics;
using System.Text.Json.Nodes;
using ZkPot.Snark.Formats;
using ZkPot.TestSupport;

namespace ZkPot.Cli.Tests;

public class SetupCommandTests
{
    static readonly Lazy<string> mulR1cs = new(() => Snarkjs.Compile(RepoPaths.Circuit("mul")).R1cs);

    static string MulR1cs => mulR1cs.Value;

    static void AssertMalformed((int Code, string Out, string Err) r, string mention)
    {
        Assert.Equal(2, r.Code);
        Assert.Single(r.Err.TrimEnd().Split('\n'));
        Assert.Contains(mention, r.Err);
    }

    /// <summary>setup from the shared ptau, then two contributions; returns the final key's path.</summary>
    static string ContributedKey(string dir)
    {
        var initial = Path.Combine(dir, "mul_0000.zkey");
        Assert.Equal(0, CliRunner.Run("setup", "--r1cs", MulR1cs, "--ptau", PtauFixtures.Small, "--zkey", initial).Code);
        var first = Path.Combine(dir, "mul_0001.zkey");
        Assert.Equal(0, CliRunner.Run("zkey", "contribute", "--in", initial, "--out", first, "--name", "alice", "--entropy", "dice rolls").Code);
        var second = Path.Combine(dir, "mul_0002.zkey");
        Assert.Equal(0, CliRunner.Run("zkey", "contribute", "--in", first, "--out", second, "--name", "bob").Code);
        return second;
    }

    [Fact]
    public void Setup_contribute_and_verify_with_ptau_prints_OK_and_the_contributors()
    {
        var dir = CliRunner.TempDir();
        var key = ContributedKey(dir);
        var r = CliRunner.Run("zkey", "verify", "--r1cs", MulR1cs, "--zkey", key, "--ptau", PtauFixtures.Small);
        Assert.Equal(0, r.Code);
        Assert.Equal("OK", r.Out.TrimEnd().Split('\n')[^1].Trim());
        Assert.Contains("#1 \"alice\"", r.Out);
        Assert.Contains("#2 \"bob\"", r.Out);
        Assert.DoesNotContain("skip", r.Out);
    }

    [Fact]
    public void Verify_without_ptau_says_which_checks_it_skipped()
    {
        var key = ContributedKey(CliRunner.TempDir());
        var r = CliRunner.Run("zkey", "verify", "--r1cs", MulR1cs, "--zkey", key);
        Assert.Equal(0, r.Code);
        Assert.Contains("skip C and H divided by delta", r.Out);
        Assert.StartsWith("OK (without --ptau", r.Out.TrimEnd().Split('\n')[^1].Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_of_a_key_with_a_moved_h_point_prints_the_failing_check_and_exits_1()
    {
        var dir = CliRunner.TempDir();
        var path = ContributedKey(dir);
        var key = ZKeyReader.Read(path);
        var h = key.H.ToArray();
        h[0] = h[0].ToJacobian().AddMixed(ZkPot.Crypto.G1.Generator).ToAffine();
        var tampered = Path.Combine(dir, "tampered.zkey");
        ZKeyWriter.Write(new ZKey(key.Header, key.IC.ToArray(), key.Coefficients.ToArray(), key.A.ToArray(), key.B1.ToArray(),
            key.B2.ToArray(), key.C.ToArray(), h, key.Contributions), tampered);

        var r = CliRunner.Run("zkey", "verify", "--r1cs", MulR1cs, "--zkey", tampered, "--ptau", PtauFixtures.Small);
        Assert.Equal(1, r.Code);
        Assert.StartsWith("FAILED: H points", r.Out.TrimEnd().Split('\n')[^1].Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_of_a_malformed_key_exits_2_with_one_line()
    {
        var dir = CliRunner.TempDir();
        var garbage = Path.Combine(dir, "garbage.zkey");
        File.WriteAllBytes(garbage, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        AssertMalformed(CliRunner.Run("zkey", "verify", "--r1cs", MulR1cs, "--zkey", garbage), "garbage.zkey");
    }

    [Fact]
    public void Setup_needs_exactly_one_of_ptau_and_dev()
    {
        var output = Path.Combine(CliRunner.TempDir(), "k.zkey");
        AssertMalformed(CliRunner.Run("setup", "--r1cs", MulR1cs, "--ptau", PtauFixtures.Small, "--dev", "--zkey", output), "exactly one");
        AssertMalformed(CliRunner.Run("setup", "--r1cs", MulR1cs, "--zkey", output), "exactly one");
        AssertMalformed(CliRunner.Run("setup", "--r1cs", MulR1cs, "--dev", "--skip-ptau-check", "--zkey", output), "goes with --ptau");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Setup_refuses_a_ptau_too_small_and_names_the_power_needed()
    {
        var dir = CliRunner.TempDir();
        // 16,384 copies of x * x = x: 16,385 rows, a 2^15 domain, one more than the shared power-14 ptau serves.
        const int n = 1 << 14;
        var rowStart = Enumerable.Range(0, n + 1).ToArray();
        R1csMatrix Column() => new(rowStart.ToArray(), Enumerable.Repeat(1u, n).ToArray(), Enumerable.Repeat(Fr.One, n).ToArray());
        var r1csPath = Path.Combine(dir, "big.r1cs");
        R1csWriter.Write(new R1cs(2, 0, 0, 1, 2, Column(), Column(), Column()), r1csPath);
        var output = Path.Combine(dir, "big.zkey");

        var r = CliRunner.Run("setup", "--r1cs", r1csPath, "--ptau", PtauFixtures.Small, "--zkey", output);
        AssertMalformed(r, "power at least 15");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Dev_setup_warns_on_stderr_that_it_is_unsafe()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "dev.zkey");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "zkpot.dll"), "setup", "--r1cs", MulR1cs, "--dev", "--zkey", output })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("UNSAFE FOR PRODUCTION", stderr);
        Assert.Contains("--dev (UNSAFE FOR PRODUCTION)", await stdout);
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Export_vk_of_a_snarkjs_key_writes_what_snarkjs_exports()
    {
        var fixture = OracleFixtures.Mul();
        var vk = Path.Combine(CliRunner.TempDir(), "vk.json");
        Assert.Equal(0, CliRunner.Run("zkey", "export-vk", "--zkey", fixture.Zkey, "--vk", vk).Code);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllText(fixture.VerificationKey)), JsonNode.Parse(File.ReadAllText(vk))));
    }

    [Fact]
    public void Contribute_refuses_a_long_name_and_a_malformed_key_without_writing()
    {
        var dir = CliRunner.TempDir();
        var output = Path.Combine(dir, "out.zkey");
        AssertMalformed(CliRunner.Run("zkey", "contribute", "--in", OracleFixtures.Mul().Zkey, "--out", output, "--name", new string('x', 65)), "--name");
        var garbage = Path.Combine(dir, "garbage.zkey");
        File.WriteAllText(garbage, "not a zkey");
        AssertMalformed(CliRunner.Run("zkey", "contribute", "--in", garbage, "--out", output, "--name", "x"), "garbage.zkey");
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Zkey_needs_a_known_sub_command()
    {
        AssertMalformed(CliRunner.Run("zkey"), "missing sub-command");
        AssertMalformed(CliRunner.Run("zkey", "sign", "--zkey", "x"), "unknown sub-command 'sign'");
        AssertMalformed(CliRunner.Run("zkey", "export-vk", "--zkey", "x", "--vk", "y", "--bogus", "1"), "--bogus");
    }
}
