using System.Buffers.Binary;
using System.Text;

namespace ZkPot.Snark.Formats;

/// <summary>One section of an iden3 binary file: where its content starts and how long it is.</summary>
internal readonly record struct Section(uint Type, long Offset, long Size);

/// <summary>
/// The iden3 binary container shared by .r1cs, .wtns and .zkey: a 4-byte magic, a u32 version, a u32 section count,
/// then sections of (u32 type, u64 size, content). Every section must lie inside the file and the sections must
/// cover it exactly, so a forged size or count is caught before anything is allocated from it.
/// </summary>
internal sealed class SectionTable
{
    readonly BinarySource _source;
    readonly List<Section> _sections;
    readonly Func<uint, string> _describe;

    SectionTable(BinarySource source, List<Section> sections, Func<uint, string> describe)
    {
        _source = source;
        _sections = sections;
        _describe = describe;
    }

    /// <summary>The section types in file order.</summary>
    public IEnumerable<uint> Types => _sections.Select(s => s.Type);

    public static SectionTable Read(BinarySource source, string magic, uint version, Func<uint, string> describe)
    {
        Span<byte> head = stackalloc byte[12];
        source.Read(0, head, "file header");
        var actualMagic = head[..4];
        if (!actualMagic.SequenceEqual(Encoding.ASCII.GetBytes(magic)))
            throw source.Error($"not a .{magic} file: magic is \"{Printable(actualMagic)}\", expected \"{magic}\"");
        var actualVersion = BinaryPrimitives.ReadUInt32LittleEndian(head[4..]);
        if (actualVersion != version)
            throw source.Error($"unsupported .{magic} version {actualVersion}, expected {version}");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);

        var sections = new List<Section>();
        long position = 12;
        Span<byte> sectionHead = stackalloc byte[12];
        for (uint i = 0; i < count; i++)
        {
            source.Read(position, sectionHead, $"header of section #{i}");
            var type = BinaryPrimitives.ReadUInt32LittleEndian(sectionHead);
            var size = BinaryPrimitives.ReadUInt64LittleEndian(sectionHead[4..]);
            var offset = position + 12;
            if (size > (ulong)(source.Length - offset))
                throw source.Error($"section {type} ({describe(type)}) declares {size} bytes at offset {offset} but the file is truncated at {source.Length}");
            sections.Add(new Section(type, offset, (long)size));
            position = offset + (long)size;
        }
        if (position != source.Length)
            throw source.Error($"{source.Length - position} unexpected bytes after the last of {count} sections (offset {position})");
        return new SectionTable(source, sections, describe);
    }

    /// <summary>The section of a type; throws when it is missing or appears twice.</summary>
    public Section Require(uint type)
    {
        var found = Find(type);
        return found ?? throw _source.Error($"section {type} ({_describe(type)}) is missing");
    }

    /// <summary>The section of a type, or null when absent; throws when it appears twice.</summary>
    public Section? Find(uint type)
    {
        Section? found = null;
        foreach (var s in _sections)
        {
            if (s.Type != type)
                continue;
            if (found is not null)
                throw _source.Error($"section {type} ({_describe(type)}) appears more than once");
            found = s;
        }
        return found;
    }

    /// <summary>Throws unless the section has exactly the size its header counts imply.</summary>
    public void RequireSize(Section section, long expected, string because)
    {
        if (section.Size != expected)
            throw _source.Error($"section {section.Type} ({_describe(section.Type)}) has {section.Size} bytes, expected {expected} ({because})");
    }

    static string Printable(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder();
        foreach (var b in bytes)
            builder.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        return builder.ToString();
    }
}
