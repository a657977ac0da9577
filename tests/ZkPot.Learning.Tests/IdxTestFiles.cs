using System.Buffers.Binary;
using System.IO.Compression;

namespace ZkPot.Learning.Tests;

/// <summary>Builds small IDX files byte by byte, so reader tests control every header field.</summary>
internal static class IdxTestFiles
{
    public static byte[] Images(int count, int rows, int columns, int magic = IdxReader.ImagesMagic)
    {
        var bytes = new byte[16 + count * rows * columns];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), columns);
        for (int n = 16; n < bytes.Length; n++)
        {
            bytes[n] = PixelAt(n - 16);
        }
        return bytes;
    }

    /// <summary>The pixel value the generated files hold at flat position n.</summary>
    public static byte PixelAt(int n) => (byte)(n * 7 + n / 13);

    public static byte[] Labels(ReadOnlySpan<byte> labels, int magic = IdxReader.LabelsMagic)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), labels.Length);
        labels.CopyTo(bytes.AsSpan(8));
        return bytes;
    }

    public static byte[] CyclicLabels(int count)
    {
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = (byte)(i % 10);
        }
        return labels;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(raw);
        }
        return output.ToArray();
    }
}
