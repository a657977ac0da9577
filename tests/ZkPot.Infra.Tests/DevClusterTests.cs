using System.Text.Json;

namespace ZkPot.Infra.Tests;

/// <summary>
/// scripts/dev-cluster end to end: Azurite and three silo processes come up, an external coordinator runs two rounds
/// through the gateway while a Prometheus scrapes the silos, and every query of the Grafana dashboard returns series
/// from it; then one silo is killed with SIGKILL, a third round still commits (with one participant running as its
/// own `zkpot participant` process), and the exported chain verifies.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class DevClusterTests
{
    // Ports away from the defaults, so a developer's own dev cluster on this machine is left alone; ZKPOT_TEST_PORT_BASE
    // moves them elsewhere when several runs share a machine.
    static readonly int PortBase = int.TryParse(Environment.GetEnvironmentVariable("ZKPOT_TEST_PORT_BASE"), out int b) ? b : 700;

    [Fact]
    [Trait("Category", "Slow")]
    public void Dev_cluster_fills_the_dashboard_survives_kill_9_of_a_silo_and_its_chain_verifies()
    {
        string dir = Path.Combine(Path.GetTempPath(), "zkpot-devcluster-" + Guid.NewGuid().ToString("N"));
        var env = new Dictionary<string, string> { ["ZKPOT_DEV_DIR"] = dir, ["ZKPOT_DEV_PORT_BASE"] = PortBase.ToString() };
        try
        {
            var up = DevCluster(env, "up");
            Assert.True(up.ExitCode == 0, InfraScript.Describe(up));
            var status = DevCluster(env, "status");
            Assert.True(status.ExitCode == 0, InfraScript.Describe(status));
            Assert.Equal(3, status.Stdout.Split('\n').Count(l => l.StartsWith("silo", StringComparison.Ordinal) && l.Contains(" ready ")));
            string connection = File.ReadAllLines(Path.Combine(dir, "env"))
                .Single(l => l.StartsWith("export ZKPOT_STORAGE_CONNECTION=", StringComparison.Ordinal)).Split('=', 2)[1].Trim('\'');
            string gateway = $"127.0.0.1:{30000 + PortBase}";
            using var prometheus = LocalPrometheus.Start(Enumerable.Range(0, 3).Select(i => $"127.0.0.1:{8080 + PortBase + i}"));

            var (first, genesis) = Simulate(dir, gateway, connection, rounds: 2, "first");
            Assert.Equal([1L, 2L], first.Select(r => r.Round));
            prometheus.WaitForScrapesAfter(DateTimeOffset.UtcNow);
            LiveDashboard.AssertEveryQueryReturnsSeries(prometheus);

            var kill = DevCluster(env, "kill", "2");
            Assert.True(kill.ExitCode == 0, InfraScript.Describe(kill));
            Assert.Contains("silo2    stopped", DevCluster(env, "status").Stdout);

            // Round 3 has participant 3 outside the cluster: its own `zkpot participant` process trains and proves.
            using var outside = StartParticipant(gateway, connection, shard: 3, keyDirectory: Path.Combine(dir, "keys"));
            try
            {
                var (third, _) = Simulate(dir, gateway, connection, rounds: 1, "third", "--outside", "3");
                Assert.Equal(3L, Assert.Single(third).Round);
                Assert.True(outside.WaitForExit(TimeSpan.FromMinutes(3)), "the outside participant did not exit after its claim was committed");
                string said = outside.StandardOutput.ReadToEnd();
                Assert.True(outside.ExitCode == 0, $"participant exit {outside.ExitCode}: {said} {outside.StandardError.ReadToEnd()}");
                Assert.Contains("round 3: claim made here", said);
                Assert.Contains("on external:", said);
            }
            finally
            {
                if (!outside.HasExited) outside.Kill(entireProcessTree: true);
            }

            // Anchored at the genesis the first run reported: the third run continued that very chain.
            var verify = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "zkpot"), "chain", "verify", "--dir", Path.Combine(dir, "chain-third"),
                                                   "--genesis", genesis, "--height", "3"]);
            Assert.True(verify.ExitCode == 0, InfraScript.Describe(verify));
            Assert.Contains("verified to height 3", verify.Stdout);
        }
        finally
        {
            var down = DevCluster(env, "down");
            Assert.True(down.ExitCode == 0, InfraScript.Describe(down));
            Assert.Contains("silo0    stopped", DevCluster(env, "status").Stdout);
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>A participant process of the member that owns shard <paramref name="shard"/>: it reads its keys from that member's key store.</summary>
    static System.Diagnostics.Process StartParticipant(string gateway, string connection, int shard, string keyDirectory)
    {
        var info = new System.Diagnostics.ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoPaths.Root, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (string a in new[] { Path.Combine(RepoPaths.Root, "scripts", "zkpot"), "participant", "--gateway", gateway, "--storage-connection", connection,
                                     "--shard", shard.ToString(), "--silos", "3", "--rounds", "1", "--key-dir", keyDirectory })
            info.ArgumentList.Add(a);
        return System.Diagnostics.Process.Start(info)!;
    }

    static ProcessOutput DevCluster(Dictionary<string, string> env, params string[] arguments) =>
        ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "dev-cluster"), .. arguments], env);

    /// <summary>Runs `zkpot simulate --gateway` and returns its rounds and genesis hash; every round must have committed with its JSON in place.</summary>
    static (List<(long Round, bool Committed)> Rounds, string Genesis) Simulate(string dir, string gateway, string connection, int rounds, string name, params string[] extra)
    {
        string json = Path.Combine(dir, $"{name}.json");
        var run = ChildProcess.Run("bash", [Path.Combine(RepoPaths.Root, "scripts", "zkpot"), "simulate", "--gateway", gateway, "--storage-connection", connection,
            "--silos", "3", "--participants", "4", "--rounds", rounds.ToString(), "--hidden", "8", "--test-samples", "16", "--train-samples", "1000",
            "--dev-setup", "--json", json, "--chain-dir", Path.Combine(dir, $"chain-{name}"), .. extra]);
        Assert.True(run.ExitCode == 0, InfraScript.Describe(run) + "\n" + SiloLogs(dir));
        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        var result = doc.RootElement.GetProperty("rounds").EnumerateArray()
            .Select(r => (r.GetProperty("round").GetInt64(), r.GetProperty("committed").GetBoolean())).ToList();
        Assert.All(result, r => Assert.True(r.Item2, $"round {r.Item1} did not commit"));
        return (result, doc.RootElement.GetProperty("genesis_hash").GetString()!);
    }

    static string SiloLogs(string dir) =>
        string.Join("\n", Directory.GetFiles(dir, "silo*.log").Select(f => $"--- {Path.GetFileName(f)} (last lines)\n" +
            string.Join("\n", File.ReadLines(f).Where(l => l.StartsWith("fail", StringComparison.Ordinal) || l.StartsWith("warn: ZkPot", StringComparison.Ordinal)).TakeLast(20))));
}
