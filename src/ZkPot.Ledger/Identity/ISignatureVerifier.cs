namespace ZkPot.Ledger.Identity;

/// <summary>Checks a domain-tagged Ed25519 signature; injected so a host may share a memo of results across the nodes it runs.</summary>
public interface ISignatureVerifier
{
    bool Verify(ReadOnlySpan<byte> publicKey, string domainTag, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature);
}
