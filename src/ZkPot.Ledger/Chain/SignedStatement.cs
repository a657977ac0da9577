namespace ZkPot.Ledger.Chain;

/// <summary>A signed payload exactly as its signer produced it (the domain tag is implied by where it is used).</summary>
public sealed class SignedStatement
{
    public SignedStatement(byte[] payload, byte[] signature)
    {
        if (signature.Length != Identity.Ed25519Verifier.SignatureSize) throw new ArgumentException($"signature has {signature.Length} bytes, expected 64", nameof(signature));
        Payload = (byte[])payload.Clone();
        Signature = (byte[])signature.Clone();
    }

    public byte[] Payload { get; }

    public byte[] Signature { get; }
}
