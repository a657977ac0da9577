using System.Text.RegularExpressions;
using ZkPot.TestSupport;

namespace ZkPot.Cli.Tests;

public class NativeBuildTests
{
    [Theory]
    [InlineData("simulate", "--participants", "4")]
    [InlineData("participant")]
    [InlineData("accuracy", "--participants", "2")]
    public void Verbs_that_need_Orleans_or_reflection_JSON_are_refused_naming_the_verb_and_the_JIT_build(params string[] argv)
    {
        var reason = NativeBuild.JitOnlyReason(argv);
        Assert.NotNull(reason);
        Assert.StartsWith($"zkpot {argv[0]}: ", reason);
        Assert.Contains("JIT build", reason);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("auto")]
    [InlineData("ilgpu-cpu")]
    public void Engines_that_start_ILGPU_are_refused_in_both_option_spellings(string engine)
    {
        Assert.Contains($"--engine {engine}", NativeBuild.JitOnlyReason(["prove", "--zkey", "k", "--engine", engine]));
        Assert.Contains($"--engine {engine}", NativeBuild.JitOnlyReason(["bench", "msm", $"--engine={engine}"]));
    }

    [Theory]
    [InlineData("verify", "--vk", "vk.json", "--batch", "dir")]
    [InlineData("prove", "--zkey", "k", "--engine", "cpu")]
    [InlineData("bench", "msm", "--engine=cpu", "--size", "16")]
    [InlineData("zkey", "export-vk", "--zkey", "k", "--vk", "v")]
    [InlineData("chain", "verify", "--dir", "d")]
    public void Crypto_verbs_on_the_cpu_engine_run_in_the_native_build(params string[] argv) =>
        Assert.Null(NativeBuild.JitOnlyReason(argv));

    [Theory]
    [InlineData("simulate", "--help")]
    [InlineData("participant", "-h")]
    [InlineData("help", "accuracy")]
    [InlineData("bench", "msm", "--engine", "gpu", "--help")]
    public void Asking_for_help_runs_in_the_native_build_whatever_the_verb(params string[] argv) =>
        Assert.Null(NativeBuild.JitOnlyReason(argv));

    [Fact]
    public void Scripts_route_exactly_the_JIT_only_verbs_to_the_JIT_build()
    {
        // scripts/lib/bootstrap.sh, native_runs: `case "${1:-}" in simulate|participant|accuracy) return 1 ;; esac`
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "lib", "bootstrap.sh"));
        var match = Regex.Match(script, @"native_runs\(\) \{\s*case ""\$\{1:-\}"" in ([a-z|-]+)\) return 1");
        Assert.True(match.Success, "scripts/lib/bootstrap.sh has no native_runs verb list");
        Assert.Equal(NativeBuild.JitOnlyVerbs.Keys.Order(), match.Groups[1].Value.Split('|').Order());
    }
}
