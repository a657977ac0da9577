using System.Net;

namespace ZkPot.Silo.Tests;

/// <summary>One silo host process started from its built dll; its health and metrics endpoints as Kubernetes and Prometheus see them.</summary>
[Trait("Category", "Slow")]
public sealed class SiloEndpointTests(SiloProcess silo) : IClassFixture<SiloProcess>
{
    [Fact]
    public async Task Live_endpoint_answers_200_while_the_process_runs()
    {
        using var response = await silo.Http.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Fresh_silo_exports_every_counter_and_gauge_of_the_telemetry_contract()
    {
        var series = await ScrapeAsync();
        // A histogram has series only after its first observation: a zero sample would count as a real duration.
        var expected = MetricsContract.Rows().Where(r => r.Kind != "histogram").Select(r => r.PrometheusName).ToList();
        Assert.NotEmpty(expected);
        var missing = expected.Where(name => !series.Contains(name)).ToList();
        Assert.True(missing.Count == 0, $"/metrics lacks {string.Join(", ", missing)}; it has {string.Join(", ", series.Where(s => s.StartsWith("zkpot", StringComparison.Ordinal)))}");
    }

    [Fact]
    public async Task Metrics_include_the_orleans_and_runtime_meters()
    {
        var series = await ScrapeAsync();
        Assert.Contains(series, s => s.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains(series, s => s.StartsWith("dotnet_", StringComparison.Ordinal));
    }

    /// <summary>The metric names of the scrape's sample lines (the text before the labels or the value).</summary>
    async Task<HashSet<string>> ScrapeAsync()
    {
        string text = await silo.Http.GetStringAsync("/metrics");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            int end = line.IndexOfAny(['{', ' ']);
            names.Add(end < 0 ? line : line[..end]);
        }
        return names;
    }
}
