using ZkPot.Ledger.Crypto;

namespace ZkPot.Ledger.Storage;

/// <summary>An IPFS CIDv1 for raw bytes: version 0x01, codec raw 0x55, multihash sha2-256 (0x12, length 0x20), printed as multibase 'b' + lower-case base32.</summary>
/// <remarks>Only this one shape is produced or accepted, so a CID and its SHA-256 digest determine each other.</remarks>
public readonly struct Cid : IEquatable<Cid>
{
    public const int EncodedSize = 36;

    static ReadOnlySpan<byte> Prefix => [0x01, 0x55, 0x12, 0x20];

    public Cid(Hash32 digest) => Digest = digest;

    /// <summary>The SHA-256 of the content.</summary>
    public Hash32 Digest { get; }

    public static Cid Of(ReadOnlySpan<byte> content) => new(Hash32.Sha256(content));

    public bool Matches(ReadOnlySpan<byte> content) => Hash32.Sha256(content) == Digest;

    public byte[] ToBytes()
    {
        var bytes = new byte[EncodedSize];
        Prefix.CopyTo(bytes);
        Digest.CopyTo(bytes.AsSpan(4));
        return bytes;
    }

    public static Cid FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != EncodedSize) throw new FormatException($"CID: expected 36 bytes (CIDv1 raw sha2-256), got {bytes.Length}");
        if (!bytes[..4].SequenceEqual(Prefix))
            throw new FormatException($"CID: prefix {Convert.ToHexStringLower(bytes[..4])} is not CIDv1/raw/sha2-256 (01551220)");
        return new Cid(new Hash32(bytes[4..]));
    }

    public static Cid Parse(string text)
    {
        if (text.Length == 0 || text[0] != 'b') throw new FormatException($"CID '{text}': expected multibase prefix 'b' (base32 lower-case)");
        return FromBytes(Base32.Decode(text[1..]));
    }

    public override string ToString() => "b" + Base32.Encode(ToBytes());

    public bool Equals(Cid other) => Digest == other.Digest;

    public override bool Equals(object? obj) => obj is Cid c && Equals(c);

    public override int GetHashCode() => Digest.GetHashCode();

    public static bool operator ==(Cid a, Cid b) => a.Equals(b);

    public static bool operator !=(Cid a, Cid b) => !a.Equals(b);
}
