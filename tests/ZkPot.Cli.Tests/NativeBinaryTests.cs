using ZkPot.TestSupport;

namespace ZkPot.Cli.Tests;

/// <summary>
/// The NativeAOT binary itself, through scripts/zkpot with ZKPOT_BUILD=native: scripts/test publishes it before the
/// tests, so these take milliseconds there; run alone with stale sources they publish it first (minutes).
/// </summary>
[Trait("Category", "Slow")]
public class NativeBinaryTests
{
    static string Sample(string path) => Path.Combine(RepoPaths.Root, "samples", "mul", path);

    [Fact]
    public void Native_build_verifies_the_bundled_batch_and_names_a_proof_against_other_signals_invalid()
    {
        var batch = ZkpotScript.Run("native", "verify", "--vk", Sample("verification_key.json"), "--batch", Sample("batch"));
        Assert.True(batch.Code == 0, $"exit {batch.Code}: {batch.Err}");
        Assert.Matches(@"(\d+) proofs: \1 valid, 0 invalid, 0 malformed", batch.Out.TrimEnd().Split('\n')[^1]);

        var wrong = ZkpotScript.Run("native", "verify", "--vk", Sample("verification_key.json"),
                                    "--proof", Sample("batch/000.proof.json"), "--public", Sample("batch/001.public.json"));
        Assert.Equal((1, "INVALID"), (wrong.Code, wrong.Out.Trim()));
    }

    [Fact]
    public void Native_build_refuses_simulate_with_one_line_naming_the_JIT_build()
    {
        var r = ZkpotScript.Run("native", "simulate", "--participants", "4", "--rounds", "1");
        Assert.Equal(2, r.Code);
        Assert.Equal("", r.Out);
        var line = Assert.Single(r.Err.TrimEnd().Split('\n'), l => l.StartsWith("zkpot simulate:", StringComparison.Ordinal));
        Assert.Contains("NativeAOT build", line);
        Assert.Contains("JIT build", line);
    }

    [Fact]
    public void Scripts_route_what_the_native_build_refuses_to_the_JIT_build()
    {
        // bench msm on the ILGPU CPU-emulation engine: the native binary refuses it, scripts/zkpot runs the JIT build.
        var r = ZkpotScript.Run("auto", "bench", "msm", "--engine", "ilgpu-cpu", "--size", "64", "--repeat", "1");
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}");
        Assert.Contains("sha256:", r.Out);
    }
}
