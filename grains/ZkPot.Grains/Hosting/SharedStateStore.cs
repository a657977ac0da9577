using System.Collections.Concurrent;

namespace ZkPot.Grains.Hosting;

/// <summary>Process-wide grain state for embedded clusters: it outlives any one in-process silo, as an external database would, so killing a silo loses no state.</summary>
public sealed class SharedStateStore
{
    internal ConcurrentDictionary<string, (byte[] Bytes, long Version)> Entries { get; } = new(StringComparer.Ordinal);

    public int Count => Entries.Count;

    /// <summary>Every stored state's key and bytes: what anyone with access to the shared storage reads.</summary>
    public IReadOnlyList<(string Key, byte[] Bytes)> Snapshot() => Entries.Select(e => (e.Key, e.Value.Bytes)).ToList();
}
