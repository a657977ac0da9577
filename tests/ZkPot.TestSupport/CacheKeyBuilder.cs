using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ZkPot.TestSupport;

/// <summary>Builds an <see cref="OracleCache"/> key from file contents and strings: a SHA-256 prefix in hex.</summary>
public sealed class CacheKeyBuilder
{
    // Large inputs (the ptau, a 2^14 zkey) are hashed once per process unless the file changes.
    static readonly ConcurrentDictionary<(string Path, long Length, DateTime Written), byte[]> fileHashes = new();

    readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds a string; each part is length-prefixed, so ("ab","c") and ("a","bc") differ.</summary>
    public CacheKeyBuilder Add(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        AddPart(bytes);
        return this;
    }

    /// <summary>Adds the contents of a file (not its path); throws when it does not exist.</summary>
    public CacheKeyBuilder AddFile(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"cannot key the oracle cache on a missing file: {path}", path);
        var digest = fileHashes.GetOrAdd((info.FullName, info.Length, info.LastWriteTimeUtc), key =>
        {
            using var stream = File.OpenRead(key.Path);
            return SHA256.HashData(stream);
        });
        AddPart(digest);
        return this;
    }

    /// <summary>The key: the first 16 hex digits of the hash, plenty to tell a handful of fixtures apart.</summary>
    public override string ToString() => Convert.ToHexStringLower(_hash.GetCurrentHash())[..16];

    void AddPart(byte[] bytes)
    {
        Span<byte> length = stackalloc byte[8];
        BitConverter.TryWriteBytes(length, (long)bytes.Length);
        _hash.AppendData(length);
        _hash.AppendData(bytes);
    }
}
