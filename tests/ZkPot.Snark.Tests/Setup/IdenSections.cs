using System.Buffers.Binary;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>The sections of an iden3 binary file by type, parsed here apart from the code under test, for section-wise comparisons and patches.</summary>
internal sealed class IdenSections
{
    readonly Dictionary<uint, (int Offset, int Size)> _sections = [];

    public IdenSections(byte[] file)
    {
        File = file;
        var count = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(8));
        var position = 12;
        for (var i = 0; i < count; i++)
        {
            var type = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(position));
            var size = (int)BinaryPrimitives.ReadUInt64LittleEndian(file.AsSpan(position + 4));
            _sections[type] = (position + 12, size);
            position += 12 + size;
        }
    }

    public byte[] File { get; }

    public IEnumerable<uint> Types => _sections.Keys.Order();

    public int Offset(uint type) => _sections[type].Offset;

    public byte[] Content(uint type) => File.AsSpan(_sections[type].Offset, _sections[type].Size).ToArray();
}
