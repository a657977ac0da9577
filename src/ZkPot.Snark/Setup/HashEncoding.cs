using System.Buffers.Binary;

namespace ZkPot.Snark.Setup;

/// <summary>
/// How snarkjs feeds points into its BLAKE2b hashes (ffjavascript <c>toRprUncompressed</c>, wasmcurves <c>LEMtoU</c>):
/// affine, canonical, big-endian, x then y; a G2 coordinate is the 64-byte big-endian form of c0 + c1 * 2^256, so c1
/// comes first. The point at infinity is all zero bytes. Counts are big-endian u32.
/// </summary>
internal static class HashEncoding
{
    public const int G1Size = 64;
    public const int G2Size = 128;

    public static void WriteG1(Span<byte> destination, in G1Affine point)
    {
        destination = destination[..G1Size];
        if (point.IsInfinity)
        {
            destination.Clear();
            return;
        }
        point.X.WriteBigEndian(destination);
        point.Y.WriteBigEndian(destination[32..]);
    }

    public static void WriteG2(Span<byte> destination, in G2Affine point)
    {
        destination = destination[..G2Size];
        if (point.IsInfinity)
        {
            destination.Clear();
            return;
        }
        point.X.C1.WriteBigEndian(destination);
        point.X.C0.WriteBigEndian(destination[32..]);
        point.Y.C1.WriteBigEndian(destination[64..]);
        point.Y.C0.WriteBigEndian(destination[96..]);
    }

    public static void AppendG1(Blake2b hasher, in G1Affine point)
    {
        Span<byte> bytes = stackalloc byte[G1Size];
        WriteG1(bytes, point);
        hasher.Append(bytes);
    }

    public static void AppendG2(Blake2b hasher, in G2Affine point)
    {
        Span<byte> bytes = stackalloc byte[G2Size];
        WriteG2(bytes, point);
        hasher.Append(bytes);
    }

    public static void AppendU32(Blake2b hasher, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        hasher.Append(bytes);
    }

    /// <summary>Hashes many G1 points, encoding them on all cores a chunk at a time (a 2^20 key has millions).</summary>
    public static void AppendG1(Blake2b hasher, ReadOnlySpan<G1Affine> points) => AppendMany(hasher, points, G1Size, WriteG1);

    public static void AppendG2(Blake2b hasher, ReadOnlySpan<G2Affine> points) => AppendMany(hasher, points, G2Size, WriteG2);

    delegate void Encoder<T>(Span<byte> destination, in T value);

    static void AppendMany<T>(Blake2b hasher, ReadOnlySpan<T> points, int size, Encoder<T> encode)
    {
        const int chunk = 1 << 14;
        var buffer = new byte[Math.Min(points.Length, chunk) * size];
        for (var first = 0; first < points.Length; first += chunk)
        {
            var n = Math.Min(chunk, points.Length - first);
            var slice = points.Slice(first, n).ToArray();
            Parallel.For(0, n, i => encode(buffer.AsSpan(i * size, size), slice[i]));
            hasher.Append(buffer.AsSpan(0, n * size));
        }
    }
}
