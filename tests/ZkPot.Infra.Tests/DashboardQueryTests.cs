namespace ZkPot.Infra.Tests;

/// <summary>
/// The live dashboard check (scripts/check-infra queries) against a stand-in Prometheus: what it sends, and that a
/// query without series or one Prometheus refuses fails the check, named by panel and expression. The dev-cluster
/// test runs the same check against a real Prometheus.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class DashboardQueryTests
{
    static string DashboardFile => Path.Combine(RepoPaths.Root, "infra", "grafana", "zkpot-dashboard.json");

    [Fact]
    public void Every_query_is_sent_with_grafanas_variables_set_to_the_range()
    {
        using var prometheus = new FakePrometheus(_ => FakePrometheus.OneSeries);

        var output = InfraScript.Run("queries", "--prometheus", prometheus.Url, "--range", "2m");

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        Assert.Contains("ok infra/grafana/zkpot-dashboard.json (31 queries returned series)", output.Stdout);
        Assert.Equal(31, prometheus.Queries.Count);
        Assert.DoesNotContain(prometheus.Queries, q => q.Contains('$'));
        Assert.Contains("sum(increase(zkpot_rounds_committed_total[120s]))", prometheus.Queries);
        Assert.Contains("sum(rate(zkpot_rounds_committed_total[120s])) * 60", prometheus.Queries);
    }

    [Fact]
    public void A_query_without_series_fails_naming_its_panel_and_expression()
    {
        using var prometheus = new FakePrometheus(q => q.Contains("zkpot_verify_duration_seconds") ? FakePrometheus.NoSeries : FakePrometheus.OneSeries);

        var output = InfraScript.Run("queries", "--prometheus", prometheus.Url, "--range", "90s");

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("panel 15 \"Verify latency\" query B: no series for " +
            "histogram_quantile(0.95, sum by (le) (rate(zkpot_verify_duration_seconds_bucket[$__rate_interval]))) " +
            "(evaluated as histogram_quantile(0.95, sum by (le) (rate(zkpot_verify_duration_seconds_bucket[90s]))))", output.Stderr);
        Assert.Equal(3, output.Stderr.Split('\n').Count(l => l.Contains("no series")));
    }

    [Fact]
    public void A_query_prometheus_refuses_fails_with_its_error()
    {
        using var prometheus = new FakePrometheus(_ => (400, """{"status":"error","errorType":"bad_data","error":"parse error at char 5"}"""));

        var output = InfraScript.Run("queries", "--prometheus", prometheus.Url, "--range", "90s");

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("panel 2 \"Block height\" query A: max(zkpot_block_height): Prometheus refused it (HTTP 400): bad_data: parse error at char 5", output.Stderr);
    }

    [Fact]
    public void A_variable_without_a_value_fails_before_any_query()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("dashboard.json", File.ReadAllText(DashboardFile).Replace("max(zkpot_block_height)", "max(zkpot_block_height{job=\\\"$job\\\"})"));
        using var prometheus = new FakePrometheus(_ => FakePrometheus.OneSeries);

        var output = InfraScript.Run("queries", "--prometheus", prometheus.Url, "--range", "90s", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("panel 2 \"Block height\" query A: max(zkpot_block_height{job=\"$job\"}): variable $job has no value to check with", output.Stderr);
        Assert.DoesNotContain(prometheus.Queries, q => q.Contains("job="));
    }
}
