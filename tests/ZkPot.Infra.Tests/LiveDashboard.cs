namespace ZkPot.Infra.Tests;

/// <summary>The Grafana dashboard's queries evaluated against a Prometheus that has scraped a round of a live cluster.</summary>
public static class LiveDashboard
{
    static string DashboardFile => Path.Combine(RepoPaths.Root, "infra", "grafana", "zkpot-dashboard.json");

    /// <summary>
    /// Every query of the dashboard returns series over everything <paramref name="prometheus"/> has scraped; and the
    /// same check, given a copy whose Block height panel reads a metric no silo exports, fails naming that panel.
    /// </summary>
    public static void AssertEveryQueryReturnsSeries(LocalPrometheus prometheus)
    {
        string range = $"{prometheus.SecondsUp}s";
        var live = InfraScript.Run("queries", "--prometheus", prometheus.Url, "--range", range);
        Assert.True(live.ExitCode == 0, InfraScript.Describe(live));
        Assert.Contains("ok infra/grafana/zkpot-dashboard.json", live.Stdout);

        using var scratch = new ScratchDirectory();
        var broken = scratch.Write("dashboard.json", File.ReadAllText(DashboardFile).Replace("max(zkpot_block_height)", "max(zkpot_chain_height)"));
        var refused = InfraScript.Run("queries", "--prometheus", prometheus.Url, "--range", range, broken);
        Assert.True(refused.ExitCode == 1, InfraScript.Describe(refused));
        Assert.Contains("panel 2 \"Block height\" query A: no series for max(zkpot_chain_height)", refused.Stderr);
    }
}
