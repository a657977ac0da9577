using System.Buffers.Binary;

namespace ZkPot.Snark.Formats;

/// <summary>
/// A little-endian cursor over one section's bytes; running off the end names the file, the section and what was
/// being read, instead of an index-out-of-range from deep inside a parser.
/// </summary>
internal ref struct SpanReader
{
    readonly ReadOnlySpan<byte> _data;
    readonly BinarySource _source;
    readonly string _section;

    public SpanReader(ReadOnlySpan<byte> data, BinarySource source, string section)
    {
        _data = data;
        _source = source;
        _section = section;
        Position = 0;
    }

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public uint U32(string what) => BinaryPrimitives.ReadUInt32LittleEndian(Take(4, what));

    public ulong U64(string what) => BinaryPrimitives.ReadUInt64LittleEndian(Take(8, what));

    public byte U8(string what) => Take(1, what)[0];

    public ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count < 0 || count > Remaining)
            throw Error($"ends inside {what} (needs {count} bytes at offset {Position}, {Remaining} left)");
        var slice = _data.Slice(Position, count);
        Position += count;
        return slice;
    }

    /// <summary>Throws unless every byte was consumed.</summary>
    public readonly void End()
    {
        if (Remaining != 0)
            throw Error($"{Remaining} unexpected bytes at the end (offset {Position})");
    }

    public readonly InvalidDataException Error(string message) => _source.Error($"{_section}: {message}");
}
