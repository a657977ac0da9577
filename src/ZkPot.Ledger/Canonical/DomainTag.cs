namespace ZkPot.Ledger.Canonical;

/// <summary>Domain-separation tags: every signature and every hash of a structured value starts with one, so a byte string valid as one kind of message can never be taken for another.</summary>
public static class DomainTag
{
    public const string Claim = "zkpot/claim/v1";
    public const string Proposal = "zkpot/proposal/v1";
    public const string Vote = "zkpot/vote/v1";
    public const string Header = "zkpot/header/v1";
    public const string ClaimId = "zkpot/claim-id/v1";
    public const string ProofDigest = "zkpot/proof-digest/v1";
    public const string Evidence = "zkpot/evidence-id/v1";
    public const string Envelope = "zkpot/envelope/v1";
    public const string Federation = "zkpot/federation/v1";

    /// <summary>The bytes that are signed or hashed: u16 tag length, the ASCII tag, then the payload.</summary>
    public static byte[] Prefix(string tag, ReadOnlySpan<byte> payload)
    {
        var w = new CanonicalWriter(2 + tag.Length + payload.Length);
        w.U16(checked((ushort)tag.Length));
        Span<byte> ascii = stackalloc byte[tag.Length];
        for (int i = 0; i < tag.Length; i++)
        {
            if (tag[i] > 0x7e || tag[i] < 0x20) throw new ArgumentException($"domain tag '{tag}' has a non-printable-ASCII character at index {i}", nameof(tag));
            ascii[i] = (byte)tag[i];
        }
        w.Fixed(ascii).Fixed(payload);
        return w.ToArray();
    }
}
