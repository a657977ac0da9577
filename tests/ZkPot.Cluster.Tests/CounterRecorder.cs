using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ZkPot.Grains.Services;

namespace ZkPot.Cluster.Tests;

/// <summary>Listens to one counter of the ZkPot meter while alive and sums what it records, per value of one tag.</summary>
public sealed class CounterRecorder : IDisposable
{
    readonly MeterListener _listener = new();
    readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public CounterRecorder(string instrument, string tag)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == ZkPotTelemetry.Name && published.Name == instrument) listener.EnableMeasurementEvents(published);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string key = "";
            foreach (var t in tags)
                if (t.Key == tag) key = t.Value?.ToString() ?? "";
            _totals.AddOrUpdate(key, value, (_, old) => old + value);
        });
        _listener.Start();
    }

    /// <summary>The sum recorded with the tag set to <paramref name="tagValue"/>.</summary>
    public long Total(string tagValue) => _totals.GetValueOrDefault(tagValue);

    public void Dispose() => _listener.Dispose();
}
