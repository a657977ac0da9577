using System.Buffers.Binary;
using System.IO.Compression;

namespace ZkPot.Learning;

/// <summary>Reads IDX files (the MNIST family's format), plain or gzip-compressed, with errors that name the file and the fault.</summary>
/// <remarks>
/// Layout: a 4-byte big-endian magic (two zero bytes, element type 0x08 = unsigned byte, dimension count),
/// one big-endian int32 per dimension, then the elements. Compression is detected from the gzip signature,
/// not from the file name. The body is decompressed straight into its final array. Trailing bytes after the
/// declared elements are rejected: they mean the header lies about the shape.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic of an unsigned-byte tensor of rank 3 (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic of an unsigned-byte tensor of rank 1 (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an image file: magic 0x00000803, then count, rows, columns, then the pixels.</summary>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = OpenDecompressed(path);
        int[] dims = ReadHeader(path, stream, ImagesMagic, "images", 3);
        long expected = (long)dims[0] * dims[1] * dims[2];
        byte[] pixels = ReadBody(path, stream, expected, $"{dims[0]} images of {dims[1]}x{dims[2]} pixels");
        return new IdxImages(dims[0], dims[1], dims[2], pixels);
    }

    /// <summary>Reads a label file: magic 0x00000801, then count, then the labels.</summary>
    public static byte[] ReadLabels(string path)
    {
        using Stream stream = OpenDecompressed(path);
        int[] dims = ReadHeader(path, stream, LabelsMagic, "labels", 1);
        return ReadBody(path, stream, dims[0], $"{dims[0]} labels");
    }

    private static Stream OpenDecompressed(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        Span<byte> signature = stackalloc byte[2];
        int got = file.ReadAtLeast(signature, 2, throwOnEndOfStream: false);
        file.Position = 0;
        if (got == 2 && signature[0] == 0x1F && signature[1] == 0x8B)
        {
            return new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16);
        }
        return file;
    }

    private static int[] ReadHeader(string path, Stream stream, int expectedMagic, string kind, int rank)
    {
        int headerLength = 4 + 4 * rank;
        Span<byte> header = stackalloc byte[headerLength];
        int got = Fill(path, stream, header);
        if (got < headerLength)
        {
            throw new InvalidDataException(
                $"IDX file '{path}' is truncated: {got} bytes, shorter than the {headerLength}-byte header of a {kind} file.");
        }
        int magic = BinaryPrimitives.ReadInt32BigEndian(header);
        if (magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"IDX file '{path}' has bad magic 0x{magic:X8}; expected 0x{expectedMagic:X8} for {kind}.");
        }
        var dims = new int[rank];
        for (int d = 0; d < rank; d++)
        {
            dims[d] = BinaryPrimitives.ReadInt32BigEndian(header[(4 + 4 * d)..]);
            if (dims[d] < 0)
            {
                throw new InvalidDataException($"IDX file '{path}' declares dimension {d} as {dims[d]}, which is negative.");
            }
        }
        return dims;
    }

    private static byte[] ReadBody(string path, Stream stream, long expected, string what)
    {
        if (expected > Array.MaxLength)
        {
            throw new InvalidDataException($"IDX file '{path}' declares {what} ({expected} bytes), more than an array can hold.");
        }
        var body = new byte[expected];
        int got = Fill(path, stream, body);
        if (got < expected)
        {
            throw new InvalidDataException(
                $"IDX file '{path}' is truncated: header declares {what} ({expected} bytes) but only {got} bytes follow.");
        }
        Span<byte> probe = stackalloc byte[1];
        if (Fill(path, stream, probe) != 0)
        {
            throw new InvalidDataException($"IDX file '{path}' has unexpected trailing bytes after {what}.");
        }
        return body;
    }

    /// <summary>Reads until the buffer is full or the stream ends; returns the bytes read.</summary>
    private static int Fill(string path, Stream stream, Span<byte> buffer)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"IDX file '{path}': gzip stream is corrupt ({e.Message}).", e);
        }
    }
}
