using System.Buffers;
using System.Runtime.ExceptionServices;

namespace ZkPot.Snark.Formats;

/// <summary>Decodes one fixed-size record; returns why it is invalid, or null when it is fine.</summary>
internal delegate string? RecordParser<T>(ReadOnlySpan<byte> record, out T value);

/// <summary>
/// Reads a run of fixed-size records (points, coefficients, scalars) from a section: chunks of about a megabyte are
/// read and decoded on all cores, since decoding and curve checks, not the disk, dominate for a 2^20 key.
/// </summary>
internal static class RecordReader
{
    const int ChunkBytes = 1 << 20;

    /// <summary>
    /// Records per chunk for a run of <paramref name="count"/>: at most <paramref name="maxPerChunk"/>, and few enough
    /// that each core gets about four chunks, but not below 512. (With megabyte chunks alone, each section of a 2^14
    /// key was one chunk, decoded on one core.)
    /// </summary>
    internal static int PerChunk(int count, int maxPerChunk) =>
        Math.Clamp(count / (4 * Environment.ProcessorCount), Math.Min(512, maxPerChunk), maxPerChunk);

    /// <summary>Decodes <paramref name="count"/> records starting at <paramref name="offset"/>; the first invalid one (lowest index) is reported.</summary>
    public static T[] Read<T>(BinarySource source, long offset, int count, int recordSize, string label, string recordName, RecordParser<T> parse)
    {
        var result = new T[count];
        if (count == 0)
            return result;
        var perChunk = PerChunk(count, Math.Max(1, ChunkBytes / recordSize));
        var chunks = (count + perChunk - 1) / perChunk;
        var failureIndex = long.MaxValue;
        string? failure = null;
        var gate = new Lock();

        void DecodeChunk(int chunk, ParallelLoopState state)
        {
            var first = chunk * perChunk;
            var n = Math.Min(perChunk, count - first);
            var buffer = ArrayPool<byte>.Shared.Rent(n * recordSize);
            try
            {
                var bytes = buffer.AsSpan(0, n * recordSize);
                source.Read(offset + (long)first * recordSize, bytes, label);
                for (var i = 0; i < n; i++)
                {
                    var reason = parse(bytes.Slice(i * recordSize, recordSize), out result[first + i]);
                    if (reason is null)
                        continue;
                    lock (gate)
                    {
                        if (first + i < failureIndex)
                        {
                            failureIndex = first + i;
                            failure = reason;
                        }
                    }
                    // Break (not Stop) still runs every lower chunk, so the reported record is the first bad one.
                    state.Break();
                    return;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        try
        {
            Parallel.For(0, chunks, DecodeChunk);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }

        if (failure is not null)
            throw source.Error($"{label}, {recordName} {failureIndex}: {failure}");
        return result;
    }
}
