using System.Buffers.Binary;
using System.Security.Cryptography;
using ZkPot.Ledger.Canonical;

namespace ZkPot.Ledger.Crypto;

/// <summary>A 32-byte value (SHA-256 digest, task id, weights commitment) with value equality and lexicographic order.</summary>
public readonly struct Hash32 : IEquatable<Hash32>, IComparable<Hash32>
{
    public const int Size = 32;

    // Stored big-endian so that comparing the words compares the bytes lexicographically.
    readonly ulong _w0, _w1, _w2, _w3;

    public Hash32(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a 32-byte value needs 32 bytes, got {bytes.Length}", nameof(bytes));
        _w0 = BinaryPrimitives.ReadUInt64BigEndian(bytes);
        _w1 = BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]);
        _w2 = BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]);
        _w3 = BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]);
    }

    public static Hash32 Zero => default;

    public bool IsZero => (_w0 | _w1 | _w2 | _w3) == 0;

    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Size) throw new ArgumentException($"destination holds {destination.Length} bytes, needs 32", nameof(destination));
        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        CopyTo(bytes);
        return bytes;
    }

    public static Hash32 Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Size];
        SHA256.HashData(data, digest);
        return new Hash32(digest);
    }

    /// <summary>SHA-256 over the domain-tagged payload (see <see cref="DomainTag.Prefix"/>).</summary>
    public static Hash32 Tagged(string tag, ReadOnlySpan<byte> payload) => Sha256(DomainTag.Prefix(tag, payload));

    /// <summary>Parses 64 hex digits; <paramref name="field"/> names the value in the error message.</summary>
    public static Hash32 Parse(string hex, string field = "hash")
    {
        if (hex.Length != 2 * Size) throw new FormatException($"{field}: expected 64 hex digits, got {hex.Length} characters");
        try { return new Hash32(Convert.FromHexString(hex)); }
        catch (FormatException) { throw new FormatException($"{field}: '{hex}' is not hexadecimal"); }
    }

    public bool Equals(Hash32 other) => _w0 == other._w0 && _w1 == other._w1 && _w2 == other._w2 && _w3 == other._w3;

    public override bool Equals(object? obj) => obj is Hash32 h && Equals(h);

    public override int GetHashCode() => HashCode.Combine(_w0, _w1, _w2, _w3);

    public int CompareTo(Hash32 other)
    {
        int c = _w0.CompareTo(other._w0);
        if (c != 0) return c;
        c = _w1.CompareTo(other._w1);
        if (c != 0) return c;
        c = _w2.CompareTo(other._w2);
        return c != 0 ? c : _w3.CompareTo(other._w3);
    }

    public static bool operator ==(Hash32 a, Hash32 b) => a.Equals(b);

    public static bool operator !=(Hash32 a, Hash32 b) => !a.Equals(b);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
