using System.Buffers.Binary;

namespace ZkPot.Snark.Tests.Formats;

/// <summary>
/// The section table of an iden3 binary file, parsed here independently of the code under test, so tests can patch
/// a chosen byte range and see the reader refuse it.
/// </summary>
internal sealed class FileLayout
{
    readonly Dictionary<uint, (int Offset, int Size)> _sections = [];

    public FileLayout(byte[] file)
    {
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

    /// <summary>Where section <paramref name="type"/>'s content starts.</summary>
    public int Offset(uint type) => _sections[type].Offset;

    public int Size(uint type) => _sections[type].Size;

    /// <summary>Little-endian 32 bytes of an integer.</summary>
    public static byte[] Bytes32(System.Numerics.BigInteger value)
    {
        var bytes = new byte[32];
        Assert.True(value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false));
        return bytes;
    }
}
