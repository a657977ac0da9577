using System.Buffers.Binary;

namespace ZkPot.Ledger.Canonical;

/// <summary>Reads the canonical binary form back; every failure names the structure, the field and the byte offset.</summary>
public ref struct CanonicalReader
{
    readonly ReadOnlySpan<byte> _data;
    readonly string _context;
    int _position;

    public CanonicalReader(ReadOnlySpan<byte> data, string context)
    {
        _data = data;
        _context = context;
        _position = 0;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _data.Length - _position;

    public byte U8(string field) => Take(1, field)[0];

    public ushort U16(string field) => BinaryPrimitives.ReadUInt16LittleEndian(Take(2, field));

    public uint U32(string field) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, field));

    public int I32(string field) => BinaryPrimitives.ReadInt32LittleEndian(Take(4, field));

    public ulong U64(string field) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, field));

    /// <summary>Reads a height or round, refusing values that do not fit a non-negative long.</summary>
    public long Height(string field)
    {
        int at = _position;
        ulong v = U64(field);
        if (v > long.MaxValue) throw Error(field, at, $"value {v} is larger than {long.MaxValue}");
        return (long)v;
    }

    /// <summary>Reads a count, refusing values above <paramref name="max"/>.</summary>
    public int Count(string field, int max = int.MaxValue)
    {
        int at = _position;
        uint v = U32(field);
        if (v > (uint)max) throw Error(field, at, $"count {v} exceeds the limit {max}");
        return (int)v;
    }

    public ReadOnlySpan<byte> Fixed(int length, string field) => Take(length, field);

    /// <summary>Reads a u32-length-prefixed byte string of at most <paramref name="maxLength"/> bytes.</summary>
    public ReadOnlySpan<byte> Bytes(string field, int maxLength)
    {
        int at = _position;
        uint length = U32(field + ".length");
        if (length > (uint)maxLength) throw Error(field, at, $"length {length} exceeds the limit {maxLength}");
        return Take((int)length, field);
    }

    public Crypto.Hash32 Hash(string field) => new(Take(Crypto.Hash32.Size, field));

    public Identity.NodeId Node(string field) => new(Take(Identity.NodeId.Size, field));

    /// <summary>Refuses trailing bytes: a canonical encoding has exactly one length.</summary>
    public readonly void End()
    {
        if (_position != _data.Length)
            throw new InvalidDataException($"{_context}: {_data.Length - _position} unexpected trailing byte(s) at offset {_position}");
    }

    public readonly InvalidDataException Error(string field, int offset, string problem) =>
        new($"{_context}: field '{field}' at offset {offset}: {problem}");

    ReadOnlySpan<byte> Take(int length, string field)
    {
        if (length < 0 || length > _data.Length - _position)
            throw Error(field, _position, $"needs {length} byte(s), only {_data.Length - _position} left");
        var slice = _data.Slice(_position, length);
        _position += length;
        return slice;
    }
}
