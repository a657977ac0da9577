using System.Collections.Concurrent;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math.EC.Rfc8032;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;

namespace ZkPot.Ledger.Identity;

/// <summary>Ed25519 signature check (BouncyCastle, RFC 8032) over the domain-tagged payload.</summary>
public sealed class Ed25519Verifier : ISignatureVerifier
{
    public const int SignatureSize = 64;

    // Validators are few and fixed: decoding each key once saves a point decompression per check.
    const int MaxCachedKeys = 4096;
    readonly ConcurrentDictionary<Hash32, Ed25519PublicKeyParameters?> _keys = new();

    public static Ed25519Verifier Instance { get; } = new();

    public bool Verify(ReadOnlySpan<byte> publicKey, string domainTag, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != SignatureSize) return false;
        var key = Decode(publicKey);
        if (key is null) return false;
        byte[] message = DomainTag.Prefix(domainTag, payload);
        return key.Verify(Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature.ToArray(), 0);
    }

    Ed25519PublicKeyParameters? Decode(ReadOnlySpan<byte> publicKey)
    {
        var id = new Hash32(publicKey);
        if (_keys.TryGetValue(id, out var cached)) return cached;
        Ed25519PublicKeyParameters? key;
        try { key = new Ed25519PublicKeyParameters(publicKey.ToArray(), 0); }
        catch (ArgumentException) { key = null; }
        if (_keys.Count < MaxCachedKeys) _keys.TryAdd(id, key);
        return key;
    }
}
