using System.Collections.Concurrent;

namespace ZkPot.Ledger.Storage;

/// <summary>Content store in memory (tests, simulation); thread-safe.</summary>
public sealed class InMemoryContentStore : IContentStore
{
    readonly ConcurrentDictionary<Cid, byte[]> _blobs = new();

    public int Count => _blobs.Count;

    public Cid Put(ReadOnlySpan<byte> content)
    {
        var cid = Cid.Of(content);
        _blobs.TryAdd(cid, content.ToArray());
        return cid;
    }

    public byte[] Get(Cid cid) =>
        TryGet(cid, out var content) ? content : throw new KeyNotFoundException($"content store: no blob {cid}");

    public bool TryGet(Cid cid, out byte[] content)
    {
        if (!_blobs.TryGetValue(cid, out var stored))
        {
            content = [];
            return false;
        }
        if (!cid.Matches(stored)) throw new InvalidDataException($"content store: blob {cid} does not hash to its CID (corrupted)");
        content = (byte[])stored.Clone();
        return true;
    }

    public bool Contains(Cid cid) => _blobs.ContainsKey(cid);

    /// <summary>Overwrites a stored blob without re-hashing, so tests can show that reads catch corruption.</summary>
    internal void CorruptForTest(Cid cid, byte[] bytes) => _blobs[cid] = bytes;
}
