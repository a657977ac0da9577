using System.Collections.Concurrent;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Simulation;

/// <summary>Remembers signature checks by (key, tag, payload, signature): in a simulation every node checks the same signatures, and the answer is a pure function of those bytes.</summary>
public sealed class MemoizingSignatureVerifier(ISignatureVerifier inner) : ISignatureVerifier
{
    readonly ConcurrentDictionary<Hash32, bool> _results = new();

    public bool Verify(ReadOnlySpan<byte> publicKey, string domainTag, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        var w = new CanonicalWriter(publicKey.Length + payload.Length + signature.Length + 64);
        w.Bytes(publicKey).Bytes(DomainTag.Prefix(domainTag, payload)).Bytes(signature);
        var key = Hash32.Sha256(w.WrittenSpan);
        if (_results.TryGetValue(key, out bool known)) return known;
        bool ok = inner.Verify(publicKey, domainTag, payload, signature);
        _results.TryAdd(key, ok);
        return ok;
    }
}
