using System.Buffers;
using System.Buffers.Binary;

namespace ZkPot.Ledger.Canonical;

/// <summary>Builds the canonical binary form: fixed-width little-endian integers, fixed-size fields, u32-length-prefixed byte strings.</summary>
/// <remarks>There is exactly one encoding per value, so hashes and signatures over it are well defined.</remarks>
public sealed class CanonicalWriter
{
    readonly ArrayBufferWriter<byte> _buffer;

    public CanonicalWriter(int capacity = 256) => _buffer = new ArrayBufferWriter<byte>(Math.Max(capacity, 16));

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public CanonicalWriter U8(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public CanonicalWriter U16(ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(_buffer.GetSpan(2), value);
        _buffer.Advance(2);
        return this;
    }

    public CanonicalWriter U32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public CanonicalWriter I32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public CanonicalWriter U64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    /// <summary>Writes a height or round; these are never negative, and a negative one is a caller bug.</summary>
    public CanonicalWriter Height(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return U64((ulong)value);
    }

    /// <summary>Writes a count (claims, samples); never negative.</summary>
    public CanonicalWriter Count(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return U32((uint)value);
    }

    public CanonicalWriter Fixed(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    public CanonicalWriter Bytes(ReadOnlySpan<byte> bytes)
    {
        U32((uint)bytes.Length);
        return Fixed(bytes);
    }

    public CanonicalWriter Hash(Crypto.Hash32 hash)
    {
        hash.CopyTo(_buffer.GetSpan(Crypto.Hash32.Size));
        _buffer.Advance(Crypto.Hash32.Size);
        return this;
    }

    public CanonicalWriter Node(Identity.NodeId id)
    {
        id.CopyTo(_buffer.GetSpan(Identity.NodeId.Size));
        _buffer.Advance(Identity.NodeId.Size);
        return this;
    }
}
