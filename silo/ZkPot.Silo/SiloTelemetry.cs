using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ZkPot.Grains.Services;

namespace ZkPot.Silo;

/// <summary>OpenTelemetry for the silo: the meters and sources of docs/METRICS.md, Prometheus always, OTLP when configured.</summary>
public static class SiloTelemetry
{
    /// <summary>Duration buckets of docs/METRICS.md: the exporter's defaults start at 5 s, too coarse for millisecond verifications.</summary>
    public static readonly double[] DurationBuckets = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    static readonly string[] Engines = ["cpu", "gpu"];
    static readonly string[] RejectionReasons = ["bad-proof", "bad-signature", "wrong-round", "replayed", "duplicate", "unknown-participant", "excluded", "late"];
    static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    public static IServiceCollection AddSiloTelemetry(this IServiceCollection services, SiloSettings settings)
    {
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("zkpot-silo", serviceInstanceId: Environment.MachineName)
                .AddAttributes([new("zkpot.owner", settings.Owner), new("zkpot.gpu", settings.Gpu)]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ZkPotTelemetry.Name, "Microsoft.Orleans", "System.Runtime");
                foreach (string name in new[] { "zkpot.prove.duration", "zkpot.verify.duration", "zkpot.round.duration" })
                    metrics.AddView(name, new ExplicitBucketHistogramConfiguration { Boundaries = DurationBuckets });
                metrics.AddPrometheusExporter();
                if (settings.OtlpEndpoint is not null)
                    metrics.AddOtlpExporter(o => o.Endpoint = new Uri(settings.OtlpEndpoint));
            });
        // Traces have no local endpoint, so they are collected only when there is a collector to send them to.
        if (settings.OtlpEndpoint is not null)
            otel.WithTracing(tracing => tracing.AddSource(ZkPotTelemetry.Name).AddSource(OrleansSources)
                .AddOtlpExporter(o => o.Endpoint = new Uri(settings.OtlpEndpoint)));
        return services;
    }

    /// <summary>
    /// Gives every counter of docs/METRICS.md a zero series with its expected tags, so a fresh silo exports every
    /// name and dashboards' rate() queries have a series to start from. Histograms get no sample here: a zero
    /// duration would count as a real observation.
    /// </summary>
    public static void PublishCounters(string owner)
    {
        foreach (string engine in Engines)
            ZkPotTelemetry.ProofsGenerated.Add(0, new KeyValuePair<string, object?>("engine", engine));
        ZkPotTelemetry.ProofsVerified.Add(0);
        foreach (string reason in RejectionReasons)
            ZkPotTelemetry.ProofsRejected.Add(0, new KeyValuePair<string, object?>("reason", reason));
        ZkPotTelemetry.RoundsCommitted.Add(0);
        ZkPotTelemetry.ViewChanges.Add(0);
        ZkPotTelemetry.PlacementFallback.Add(0, new KeyValuePair<string, object?>("owner", owner));
    }
}
