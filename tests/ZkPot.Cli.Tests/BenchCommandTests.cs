namespace ZkPot.Cli.Tests;

public class BenchCommandTests
{
    static string Sha(string output) =>
        output.Split('\n').Single(l => l.StartsWith("sha256: ", StringComparison.Ordinal))["sha256: ".Length..].Trim();

    [Theory]
    [InlineData("g1")]
    [InlineData("g2")]
    public void Msm_with_and_without_the_GLV_split_gives_the_same_sum(string curve)
    {
        var results = new[] { "on", "off" }.Select(glv =>
        {
            var (code, output, error) = CliRunner.Run("bench", "msm", "--engine", "cpu", "--size", "300", "--curve", curve,
                "--glv", glv, "--repeat", "1");
            Assert.True(code == 0, error);
            return Sha(output);
        }).ToArray();
        Assert.Equal(results[0], results[1]);
        // A window width given with either choice: still the same sum.
        var (c, o, e) = CliRunner.Run("bench", "msm", "--engine", "cpu", "--size", "300", "--curve", curve, "--glv", "on", "--window", "7", "--repeat", "1");
        Assert.True(c == 0, e);
        Assert.Equal(results[0], Sha(o));
    }

    [Fact]
    public void An_unknown_glv_choice_is_a_usage_error()
    {
        var (code, _, error) = CliRunner.Run("bench", "msm", "--engine", "cpu", "--size", "16", "--glv", "maybe");
        Assert.Equal(2, code);
        Assert.Contains("--glv must be on or off", error);
    }

    [Fact]
    public void Secure_aggregation_bench_runs_a_round_per_set_size_and_prints_its_parameters()
    {
        var (code, output, error) = CliRunner.Run("bench", "secagg", "--participants", "4,12", "--values", "16");
        Assert.True(code == 0, error);
        Assert.Contains("| 4 | 3 | 2 | 2 |", output);
        Assert.Contains("| 12 | 11 | 6 | 8 |", output);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("10,x")]
    public void Secure_aggregation_bench_refuses_a_bad_set_size(string sizes)
    {
        var (code, _, error) = CliRunner.Run("bench", "secagg", "--participants", sizes, "--values", "16");
        Assert.Equal(2, code);
        Assert.Contains("--participants takes set sizes from 2 to 1000", error);
    }
}
