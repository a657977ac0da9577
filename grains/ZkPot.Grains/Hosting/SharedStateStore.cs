using System.Collections.Concurrent;

namespace ZkPot.Grains.Hosting;

/// <summary>Process-wide grain state for embedded clusters: it outlives any one in-process silo, as an external database would, so killing a silo loses no state.</summary>
public sealed class SharedStateStore
{
    internal ConcurrentDictionary<string, (byte[] Bytes, long Version)> Entries { get; } = new(StringComparer.Ordinal);

    public int Count => Entries.Count;
}
