namespace ZkPot.Ledger.Identity;

/// <summary>A node's public keys: Ed25519 (signatures; the id derives from it) and X25519 (encrypted updates sent to it).</summary>
public sealed class ValidatorInfo
{
    public ValidatorInfo(byte[] signingPublicKey, byte[] agreementPublicKey)
    {
        if (signingPublicKey.Length != 32) throw new ArgumentException($"Ed25519 public key: expected 32 bytes, got {signingPublicKey.Length}", nameof(signingPublicKey));
        if (agreementPublicKey.Length != 32) throw new ArgumentException($"X25519 public key: expected 32 bytes, got {agreementPublicKey.Length}", nameof(agreementPublicKey));
        SigningPublicKey = (byte[])signingPublicKey.Clone();
        AgreementPublicKey = (byte[])agreementPublicKey.Clone();
        Id = NodeId.FromPublicKey(SigningPublicKey);
    }

    public NodeId Id { get; }

    public byte[] SigningPublicKey { get; }

    public byte[] AgreementPublicKey { get; }
}
