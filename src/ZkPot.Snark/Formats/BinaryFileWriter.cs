using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZkPot.Snark.Formats;

/// <summary>Encodes one fixed-size record of a bulk section.</summary>
internal delegate void RecordEncoder<T>(Span<byte> destination, in T value);

/// <summary>
/// Writes the iden3 binary container sequentially: every section's size is computed up front from the data model,
/// so no seeking back is needed and any stream will do; a section whose content does not match its declared size
/// is a bug here and throws.
/// </summary>
internal sealed class BinaryFileWriter
{
    const int ChunkBytes = 1 << 20;

    readonly Stream _stream;
    long _sectionRemaining;
    uint _sectionType;
    bool _inSection;

    // Small fields (u32 counts, 36-byte terms) go through a buffer; megabyte record chunks bypass it.
    BinaryFileWriter(Stream stream) => _stream = new BufferedStream(stream, 1 << 16);

    public static BinaryFileWriter Begin(Stream stream, string magic, uint version, uint sectionCount)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var writer = new BinaryFileWriter(stream);
        Span<byte> head = stackalloc byte[12];
        Encoding.ASCII.GetBytes(magic, head);
        BinaryPrimitives.WriteUInt32LittleEndian(head[4..], version);
        BinaryPrimitives.WriteUInt32LittleEndian(head[8..], sectionCount);
        writer._stream.Write(head);
        return writer;
    }

    public void BeginSection(uint type, long size)
    {
        if (_inSection)
            throw new InvalidOperationException($"section {_sectionType} was not finished before section {type}");
        Span<byte> head = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32LittleEndian(head, type);
        BinaryPrimitives.WriteUInt64LittleEndian(head[4..], (ulong)size);
        _stream.Write(head);
        _sectionType = type;
        _sectionRemaining = size;
        _inSection = true;
    }

    public void EndSection()
    {
        if (!_inSection || _sectionRemaining != 0)
            throw new InvalidOperationException($"section {_sectionType} content differs from its declared size by {_sectionRemaining} bytes");
        _inSection = false;
    }

    /// <summary>Flushes everything to the underlying stream, which stays open.</summary>
    public void Finish()
    {
        if (_inSection)
            throw new InvalidOperationException($"section {_sectionType} was not finished");
        _stream.Flush();
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (!_inSection || bytes.Length > _sectionRemaining)
            throw new InvalidOperationException($"write of {bytes.Length} bytes overruns section {_sectionType}");
        _stream.Write(bytes);
        _sectionRemaining -= bytes.Length;
    }

    public void U32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        Write(b);
    }

    public void U64(ulong value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value);
        Write(b);
    }

    /// <summary>Encodes records a megabyte at a time, so a 2^20-point section needs no section-sized buffer.</summary>
    public void Records<T>(ReadOnlySpan<T> values, int recordSize, RecordEncoder<T> encode)
    {
        var perChunk = Math.Max(1, ChunkBytes / recordSize);
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(values.Length, perChunk) * recordSize);
        try
        {
            for (var first = 0; first < values.Length; first += perChunk)
            {
                var n = Math.Min(perChunk, values.Length - first);
                var bytes = buffer.AsSpan(0, n * recordSize);
                for (var i = 0; i < n; i++)
                    encode(bytes.Slice(i * recordSize, recordSize), values[first + i]);
                Write(bytes);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
