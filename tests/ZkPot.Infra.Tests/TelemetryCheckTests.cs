namespace ZkPot.Infra.Tests;

/// <summary>The telemetry check: collector pipelines reference defined components; Prometheus scrapes the local silos.</summary>
[Collection(InfraCollection.Name)]
public sealed class TelemetryCheckTests
{
    static string Collector => Path.Combine(RepoPaths.Root, "infra", "otel", "collector.yaml");
    static string Prometheus => Path.Combine(RepoPaths.Root, "infra", "prometheus", "prometheus.yml");

    [Fact]
    public void Collector_and_prometheus_configs_hang_together()
    {
        var output = InfraScript.Run("telemetry");

        Assert.True(output.ExitCode == 0, InfraScript.Describe(output));
        Assert.Contains("ok infra/otel/collector.yaml", output.Stdout);
        Assert.Contains("ok infra/otel/collector-azure.yaml", output.Stdout);
        Assert.Contains("ok infra/prometheus/prometheus.yml", output.Stdout);
    }

    [Fact]
    public void Telemetry_check_rejects_a_pipeline_with_an_undefined_exporter()
    {
        using var scratch = new ScratchDirectory();
        var text = File.ReadAllText(Collector);
        Assert.Contains("exporters: [prometheus]", text);
        var file = scratch.Write("collector.yaml", text.Replace("exporters: [prometheus]", "exporters: [prometheus/missing]"));

        var output = InfraScript.Run("telemetry", "--collector", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("pipeline metrics: exporters prometheus/missing is not defined under exporters", output.Stderr);
    }

    [Fact]
    public void Telemetry_check_rejects_a_prometheus_config_that_misses_a_local_silo()
    {
        using var scratch = new ScratchDirectory();
        var text = File.ReadAllText(Prometheus);
        Assert.Contains("- 127.0.0.1:8082", text);
        var file = scratch.Write("prometheus.yml", text.Replace("- 127.0.0.1:8082", "- 127.0.0.1:9082"));

        var output = InfraScript.Run("telemetry", "--prometheus", file);

        Assert.True(output.ExitCode == 1, InfraScript.Describe(output));
        Assert.Contains("zkpot-silo must scrape 127.0.0.1:8080, 127.0.0.1:8081, 127.0.0.1:8082", output.Stderr);
    }
}
