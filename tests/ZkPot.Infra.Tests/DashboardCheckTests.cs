using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ZkPot.Infra.Tests;

/// <summary>The dashboard check: dashboards parse and query only the telemetry contract and cited Orleans/.NET series.</summary>
[Collection(InfraCollection.Name)]
public sealed partial class DashboardCheckTests
{
    static string DashboardFile => Path.Combine(RepoPaths.Root, "infra", "grafana", "zkpot-dashboard.json");

    [Fact]
    public void Dashboards_query_only_contract_and_cited_metrics()
    {
        var output = InfraScript.Run("dashboards");

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        Assert.Contains("ok infra/grafana/zkpot-dashboard.json", output.Stdout);
    }

    [Fact]
    public void Dashboard_shows_every_metric_of_the_contract()
    {
        var expressions = string.Join('\n', Expressions(JsonNode.Parse(File.ReadAllText(DashboardFile))!));
        var contract = File.ReadAllLines(Path.Combine(RepoPaths.Root, "docs", "METRICS.md"))
            .Select(line => ContractRow().Match(line)).Where(m => m.Success).ToList();

        Assert.NotEmpty(contract);
        foreach (var row in contract)
        {
            var series = row.Groups["kind"].Value == "histogram" ? row.Groups["name"].Value + "_bucket" : row.Groups["name"].Value;
            Assert.True(Regex.IsMatch(expressions, $@"\b{series}\b"), $"no panel queries {series}");
        }
    }

    [Fact]
    public void Dashboard_check_rejects_a_metric_outside_the_contract()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("dashboard.json", File.ReadAllText(DashboardFile).Replace("zkpot_block_height", "zkpot_chain_height"));

        var output = InfraScript.Run("dashboards", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("metric zkpot_chain_height is not in docs/METRICS.md", output.Stderr);
    }

    [Fact]
    public void Dashboard_check_rejects_invalid_json()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("dashboard.json", File.ReadAllText(DashboardFile)[..200]);

        var output = InfraScript.Run("dashboards", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("not valid JSON", output.Stderr);
    }

    [Fact]
    public void Dashboard_check_rejects_a_quantile_that_does_not_read_buckets()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("dashboard.json", Dashboard(
            "histogram_quantile(0.95, sum by (le) (rate(zkpot_prove_duration_seconds_sum[5m])))"));

        var output = InfraScript.Run("dashboards", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("histogram_quantile must read _bucket series summed by le", output.Stderr);
    }

    [Fact]
    public void Dashboard_check_accepts_a_minimal_dashboard_on_contract_metrics()
    {
        using var scratch = new ScratchDirectory();
        var file = scratch.Write("dashboard.json", Dashboard(
            "histogram_quantile(0.99, sum by (le, engine) (rate(zkpot_prove_duration_seconds_bucket[$__rate_interval])))"));

        var output = InfraScript.Run("dashboards", file);

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
    }

    static string Dashboard(string expr) => new JsonObject
    {
        ["uid"] = "test",
        ["title"] = "test",
        ["panels"] = new JsonArray(new JsonObject
        {
            ["id"] = 1,
            ["type"] = "timeseries",
            ["title"] = "latency",
            ["targets"] = new JsonArray(new JsonObject { ["refId"] = "A", ["expr"] = expr }),
        }),
    }.ToJsonString();

    static IEnumerable<string> Expressions(JsonNode node) => node switch
    {
        JsonObject o => (o["expr"] is JsonValue v && v.TryGetValue<string>(out var s) ? [s] : Array.Empty<string>())
            .Concat(o.Where(p => p.Value is not null).SelectMany(p => Expressions(p.Value!))),
        JsonArray a => a.Where(c => c is not null).SelectMany(c => Expressions(c!)),
        _ => [],
    };

    [GeneratedRegex(@"^\|\s*`[^`]+`\s*\|\s*`(?<name>[a-z_:][a-z0-9_:]*)`\s*\|\s*(?<kind>\w+)\s*\|")]
    private static partial Regex ContractRow();
}
