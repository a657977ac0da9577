using System.Text.RegularExpressions;

namespace ZkPot.Infra.Tests;

/// <summary>
/// `scripts/dev-cluster up --members 4`: four member processes (`zkpot member`), each its own Orleans cluster with its
/// own Azurite account and key store, meeting only over HTTPS with mutual TLS. A member killed with SIGKILL and started
/// again catches up by block sync; a Byzantine member process running its own code (claim equivocation after a lock,
/// the liveness attack; forged proofs) neither halts the federation nor gets a claim in.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class DevFederationTests
{
    // Ports away from the defaults and from DevClusterTests' (ZKPOT_TEST_PORT_BASE moves both).
    static readonly int PortBase = (int.TryParse(Environment.GetEnvironmentVariable("ZKPOT_TEST_PORT_BASE"), out int b) ? b : 700) + 40;

    /// <summary>A small task on short clocks (a development key: the ceremony is not what is tested here).</summary>
    const string SetupArgs = "--dev-setup --hidden 4 --test-samples 8 --train-samples 600 --claim-window-ms 4000 --view-timeout-ms 3000";

    [Fact]
    [Trait("Category", "Slow")]
    public void A_member_killed_with_kill_9_and_started_again_catches_up_by_block_sync()
    {
        using var federation = DevFederation.Up();
        federation.WaitForHeight(2);
        var kill = federation.Script("kill", "1");
        Assert.True(kill.ExitCode == 0, InfraScript.Describe(kill));
        // Three of four go on without it (a quorum), so the dead member falls behind.
        var behind = federation.WaitForHeight(4, "owner0,owner2,owner3");
        Assert.Contains("owner1: down", behind);
        var restart = federation.Script("up");
        Assert.True(restart.ExitCode == 0, InfraScript.Describe(restart));
        var caughtUp = federation.WaitForHeight(5);
        Assert.Contains("replicas agree", caughtUp);
        Assert.DoesNotContain("down", caughtUp);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_member_process_equivocating_its_claim_after_a_lock_does_not_halt_the_federation()
    {
        using var federation = DevFederation.Up("claim-equivocation");
        var status = federation.WaitForHeight(3, "owner0,owner1,owner2", blocks: true);
        Assert.Contains("replicas agree", status);
        // The equivocation was made and answered: its two signed claims are evidence in a block.
        Assert.Contains(Heights(status), h => h.Evidence > 0);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_member_process_forging_its_proofs_gets_no_claim_into_any_block()
    {
        using var federation = DevFederation.Up("forged-proof");
        var status = federation.WaitForHeight(2, "owner0,owner1,owner2", blocks: true);
        Assert.Contains("replicas agree", status);
        string forger = federation.NodeOf("owner3");
        var heights = Heights(status);
        Assert.True(heights.Count >= 2, status);
        Assert.All(heights, h => Assert.DoesNotContain(forger, h.Claims));
    }

    sealed record Height(long Number, string[] Claims, int Evidence);

    static List<Height> Heights(string status) =>
        Regex.Matches(status, @"^height (\d+): leader \w+ view \d+ claims ([\w,]*) evidence (\d+)$", RegexOptions.Multiline)
            .Select(m => new Height(long.Parse(m.Groups[1].Value), m.Groups[2].Value.Split(',', StringSplitOptions.RemoveEmptyEntries), int.Parse(m.Groups[3].Value)))
            .ToList();

    /// <summary>One local federation in a folder of its own, brought down (by PID) and removed when disposed.</summary>
    sealed class DevFederation : IDisposable
    {
        readonly string _dir = Path.Combine(Path.GetTempPath(), "zkpot-devfederation-" + Guid.NewGuid().ToString("N"));
        readonly Dictionary<string, string> _env;

        DevFederation() => _env = new() { ["ZKPOT_DEV_DIR"] = _dir, ["ZKPOT_DEV_PORT_BASE"] = PortBase.ToString(), ["ZKPOT_DEV_SETUP_ARGS"] = SetupArgs };

        public static DevFederation Up(string? byzantine = null)
        {
            var federation = new DevFederation();
            try
            {
                var up = federation.Script(byzantine is null ? ["up", "--members", "4"] : ["up", "--members", "4", "--byzantine", byzantine]);
                Assert.True(up.ExitCode == 0, InfraScript.Describe(up) + federation.Logs());
                return federation;
            }
            catch
            {
                federation.Dispose();
                throw;
            }
        }

        public ProcessOutput Script(params string[] arguments) =>
            ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "dev-cluster"), .. arguments], _env);

        string Task => File.ReadAllText(Path.Combine(_dir, "task")).Trim();

        /// <summary>The node id setup printed for a member's participant.</summary>
        public string NodeOf(string owner) =>
            Regex.Match(File.ReadAllText(Path.Combine(_dir, "setup.log")), $@"^member {owner}: participant \S+ node (\w+)$", RegexOptions.Multiline).Groups[1].Value is { Length: > 0 } node
                ? node : throw new InvalidOperationException($"setup did not name {owner}'s node");

        /// <summary>`zkpot federation status --wait-height`: every named member's replica holds the height and no two replicas disagree.</summary>
        public string WaitForHeight(int height, string? members = null, bool blocks = false)
        {
            string[] extra = [.. members is null ? [] : new[] { "--members", members }, .. blocks ? new[] { "--blocks" } : []];
            var run = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "zkpot"), "federation", "status", "--operators", Path.Combine(_dir, "operators.json"),
                                                "--task", Task, "--wait-height", height.ToString(), "--timeout-s", "240", .. extra]);
            Assert.True(run.ExitCode == 0, InfraScript.Describe(run) + Logs());
            return run.Stdout;
        }

        string Logs() =>
            "\n" + string.Join("\n", Directory.Exists(_dir) ? Directory.GetFiles(_dir, "*.log").Select(f => $"--- {Path.GetFileName(f)} (last lines)\n" +
                string.Join("\n", File.ReadLines(f).Where(l => !l.StartsWith("warn: Orleans", StringComparison.Ordinal) && !l.StartsWith("      ", StringComparison.Ordinal)
                                                                || l.Contains("ZkPot", StringComparison.Ordinal)).TakeLast(15))) : []);

        public void Dispose()
        {
            Script("down");
            if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
        }
    }
}
