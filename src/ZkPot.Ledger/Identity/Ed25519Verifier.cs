using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using ZkPot.Ledger.Encoding;

namespace ZkPot.Ledger.Identity;

/// <summary>Ed25519 signature check (BouncyCastle, RFC 8032) over the domain-tagged payload.</summary>
public sealed class Ed25519Verifier : ISignatureVerifier
{
    public static Ed25519Verifier Instance { get; } = new();

    public const int SignatureSize = 64;

    public bool Verify(ReadOnlySpan<byte> publicKey, string domainTag, ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != SignatureSize) return false;
        Ed25519PublicKeyParameters key;
        try { key = new Ed25519PublicKeyParameters(publicKey.ToArray(), 0); }
        catch (ArgumentException) { return false; }
        byte[] message = DomainTag.Prefix(domainTag, payload);
        var verifier = new Ed25519Signer();
        verifier.Init(false, key);
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature.ToArray());
    }
}
