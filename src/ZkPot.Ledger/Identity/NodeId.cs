using System.Buffers.Binary;
using System.Security.Cryptography;

namespace ZkPot.Ledger.Identity;

/// <summary>A node's identity: the first 20 bytes of SHA-256 of its Ed25519 public key; printed as 40 lower-case hex digits.</summary>
public readonly struct NodeId : IEquatable<NodeId>, IComparable<NodeId>
{
    public const int Size = 20;

    // Big-endian words: comparing them compares the bytes lexicographically.
    readonly ulong _w0, _w1;
    readonly uint _w2;

    public NodeId(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a node id needs 20 bytes, got {bytes.Length}", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]);
    }

    public static NodeId FromPublicKey(ReadOnlySpan<byte> ed25519PublicKey)
    {
        if (ed25519PublicKey.Length != 32) throw new ArgumentException($"an Ed25519 public key has 32 bytes, got {ed25519PublicKey.Length}", nameof(ed25519PublicKey));
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(ed25519PublicKey, digest);
        return new NodeId(digest[..Size]);
    }

    public bool IsZero => (_w0 | _w1 | _w2) == 0;

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException($"destination holds {destination.Length} bytes, needs 20", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], _w2);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public static NodeId Parse(string hex, string field = "node id")
    {
        if (hex.Length != 2 * Size) throw new FormatException($"{field}: expected 40 hex digits, got {hex.Length} characters");
        try { return new NodeId(Convert.FromHexString(hex)); }
        catch (FormatException) { throw new FormatException($"{field}: '{hex}' is not hexadecimal"); }
    }

    public bool Equals(NodeId other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2;

    public override bool Equals(object? obj) => obj is NodeId n && Equals(n);

    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2);

    public int CompareTo(NodeId other)
    {
        int c = _w0.CompareTo(other._w0);
        if (c != 0) return c;
        c = _w1.CompareTo(other._w1);
        return c != 0 ? c : _w2.CompareTo(other._w2);
    }

    public static bool operator ==(NodeId a, NodeId b) => a.Equals(b);

    public static bool operator !=(NodeId a, NodeId b) => !a.Equals(b);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
