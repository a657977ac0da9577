using Microsoft.Win32.SafeHandles;

namespace ZkPot.Snark.Formats;

/// <summary>
/// Positional, thread-safe reads from a file or stream, so that sections can be read in any order and large
/// sections by several threads at once; every failure names the source.
/// </summary>
internal sealed class BinarySource : IDisposable
{
    readonly SafeFileHandle? _handle;
    readonly Stream? _stream;
    readonly bool _ownsStream;
    readonly long _start;
    readonly Lock _gate = new();

    BinarySource(string name, SafeFileHandle? handle, Stream? stream, bool ownsStream, long start, long length)
    {
        Name = name;
        _handle = handle;
        _stream = stream;
        _ownsStream = ownsStream;
        _start = start;
        Length = length;
    }

    /// <summary>How errors refer to the source: the file path, or the name the caller gave a stream.</summary>
    public string Name { get; }

    public long Length { get; }

    public static BinarySource Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return new BinarySource(path, handle, null, false, 0, RandomAccess.GetLength(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Wraps a stream, whose content starts at its current position; one that cannot seek is first copied into
    /// memory, since sections may come in any order.
    /// </summary>
    public static BinarySource FromStream(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!stream.CanRead)
            throw new ArgumentException($"{name}: the stream cannot be read", nameof(stream));
        if (stream.CanSeek)
            return new BinarySource(name, null, stream, false, stream.Position, stream.Length - stream.Position);
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new BinarySource(name, null, copy, true, 0, copy.Length);
    }

    /// <summary>Fills <paramref name="destination"/> from <paramref name="offset"/>; running past the end is a truncated file.</summary>
    public void Read(long offset, Span<byte> destination, string what)
    {
        if (offset < 0 || offset > Length - destination.Length)
            throw Error($"{what}: the file is truncated (needs bytes {offset}..{offset + destination.Length} but has {Length})");
        if (_handle is not null)
        {
            while (destination.Length > 0)
            {
                var n = RandomAccess.Read(_handle, destination, offset);
                if (n == 0)
                    throw Error($"{what}: the file ended early at byte {offset}");
                destination = destination[n..];
                offset += n;
            }
            return;
        }
        lock (_gate)
        {
            _stream!.Position = _start + offset;
            try
            {
                _stream.ReadExactly(destination);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException($"{Name}: {what}: the stream ended early", e);
            }
        }
    }

    public byte[] ReadArray(long offset, long count, string what)
    {
        if (count > Array.MaxLength)
            throw Error($"{what}: {count} bytes is more than this reader holds in one piece");
        var bytes = new byte[count];
        Read(offset, bytes, what);
        return bytes;
    }

    public InvalidDataException Error(string message) => new($"{Name}: {message}");

    public void Dispose()
    {
        _handle?.Dispose();
        if (_ownsStream)
            _stream!.Dispose();
    }
}
