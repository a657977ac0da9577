namespace ZkPot.Cli.Tests;

public sealed class PtauCommandTests
{
    [Fact]
    public void New_contribute_beacon_prepare_verify_and_setup_from_the_result()
    {
        var dir = CliRunner.TempDir();
        string F(string name) => Path.Combine(dir, name);
        Assert.Equal(0, CliRunner.Run("ptau", "new", "--power", "4", "--out", F("0.ptau")).Code);
        var contribute = CliRunner.Run("ptau", "contribute", "--in", F("0.ptau"), "--out", F("1.ptau"), "--name", "alice", "--entropy", "words");
        Assert.Equal(0, contribute.Code);
        Assert.Contains("response hash: ", contribute.Out);
        Assert.Equal(0, CliRunner.Run("ptau", "beacon", "--in", F("1.ptau"), "--out", F("2.ptau"), "--beacon", "0x0badc0de", "--iterations-exp", "10").Code);
        Assert.Equal(0, CliRunner.Run("ptau", "prepare", "--in", F("2.ptau"), "--out", F("3.ptau")).Code);
        var verify = CliRunner.Run("ptau", "verify", "--ptau", F("3.ptau"));
        Assert.True(verify.Code == 0, verify.Out + verify.Err);
        Assert.Contains("#1 \"alice\"", verify.Out);
        Assert.Contains("#2 \"beacon\" (beacon 0badc0de, 2^10 iterations)", verify.Out);
        Assert.EndsWith("OK", verify.Out.TrimEnd());
    }

    [Fact]
    public void Verify_of_a_fresh_file_fails_with_exit_1_naming_the_check()
    {
        var dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("ptau", "new", "--power", "3", "--out", Path.Combine(dir, "0.ptau")).Code);
        var verify = CliRunner.Run("ptau", "verify", "--ptau", Path.Combine(dir, "0.ptau"));
        Assert.Equal(1, verify.Code);
        Assert.Contains("FAILED: contributions", verify.Out);
    }

    [Theory]
    [InlineData("new", "--power", "0", "--out", "x.ptau")]
    [InlineData("new", "--power", "29", "--out", "x.ptau")]
    [InlineData("new", "--out", "x.ptau")]
    [InlineData("contribute", "--in", "missing.ptau", "--out", "x.ptau", "--name", "n")]
    [InlineData("beacon", "--in", "IN", "--out", "x.ptau", "--beacon", "zz", "--iterations-exp", "10")]
    [InlineData("beacon", "--in", "IN", "--out", "x.ptau", "--beacon", "01", "--iterations-exp", "5")]
    [InlineData("contribute", "--in", "IN", "--out", "x.ptau", "--name", "a-name-of-more-than-sixty-four-characters-is-refused-as-snarkjs-would-cut-it")]
    [InlineData("verify", "--ptau", "missing.ptau")]
    [InlineData("frobnicate")]
    public void Bad_input_exits_2_with_one_line_and_writes_nothing(params string[] arguments)
    {
        var dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("ptau", "new", "--power", "2", "--out", Path.Combine(dir, "in.ptau")).Code);
        var args = arguments.Select(a => a switch
        {
            "IN" => Path.Combine(dir, "in.ptau"),
            "x.ptau" or "missing.ptau" => Path.Combine(dir, a),
            _ => a,
        }).ToArray();
        var (code, output, error) = CliRunner.Run(["ptau", .. args]);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith("zkpot ptau: ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "x.ptau")));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public void Verifying_a_snarkjs_style_key_with_gamma_equal_to_delta_exits_2()
    {
        // The bundled sample's verifying key with delta replaced by gamma (the G2 generator): a degenerate key.
        var dir = CliRunner.TempDir();
        var sample = Path.Combine(ZkPot.TestSupport.RepoPaths.Root, "samples", "mul");
        var vk = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(sample, "verification_key.json")))!;
        vk["vk_delta_2"] = vk["vk_gamma_2"]!.DeepClone();
        File.WriteAllText(Path.Combine(dir, "vk.json"), vk.ToJsonString());
        var (code, _, error) = CliRunner.Run("verify", "--vk", Path.Combine(dir, "vk.json"),
            "--proof", Path.Combine(sample, "batch", "000.proof.json"), "--public", Path.Combine(sample, "batch", "000.public.json"));
        Assert.Equal(2, code);
        Assert.Contains("gamma = delta", error);
    }
}
