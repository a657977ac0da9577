using System.Buffers.Binary;

namespace ZkPot.Snark.Setup;

/// <summary>
/// How snarkjs feeds points into its BLAKE2b hashes (ffjavascript <c>toRprUncompressed</c>, wasmcurves <c>LEMtoU</c>):
/// affine, canonical, big-endian, x then y; a G2 coordinate is the 64-byte big-endian form of c0 + c1 * 2^256, so c1
/// comes first. The point at infinity is all zero bytes. Counts are big-endian u32. A powers-of-tau contribution's
/// response hash takes points compressed instead (wasmcurves <c>LEMtoC</c>): x alone, big-endian, with bit 0x80 of the
/// first byte set when y is "negative" (above (p - 1) / 2; for Fp2 the sign of c1, or of c0 when c1 is zero), and the
/// point at infinity as zeros with 0x40 set.
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

    public const int G1CompressedSize = 32;
    public const int G2CompressedSize = 64;

    // (p - 1) / 2 as little-endian words.
    static readonly ulong[] HalfP = Words((Fp.Modulus - 1) / 2);

    static ulong[] Words(System.Numerics.BigInteger v) =>
        [(ulong)(v & ulong.MaxValue), (ulong)((v >> 64) & ulong.MaxValue), (ulong)((v >> 128) & ulong.MaxValue), (ulong)(v >> 192)];

    public static void WriteG1Compressed(Span<byte> destination, in G1Affine point)
    {
        destination = destination[..G1CompressedSize];
        if (point.IsInfinity)
        {
            destination.Clear();
            destination[0] = 0x40;
            return;
        }
        point.X.WriteBigEndian(destination);
        if (IsNegative(point.Y))
            destination[0] |= 0x80;
    }

    public static void WriteG2Compressed(Span<byte> destination, in G2Affine point)
    {
        destination = destination[..G2CompressedSize];
        if (point.IsInfinity)
        {
            destination.Clear();
            destination[0] = 0x40;
            return;
        }
        point.X.C1.WriteBigEndian(destination);
        point.X.C0.WriteBigEndian(destination[32..]);
        if (IsNegative(point.Y))
            destination[0] |= 0x80;
    }

    /// <summary>ffjavascript's sign of an Fp2 element: that of c1, or of c0 when c1 is zero.</summary>
    public static bool IsNegative(in ZkPot.Crypto.Fp2 value) => IsNegative(value.C1.IsZero ? value.C0 : value.C1);

    /// <summary>ffjavascript's sign: "negative" means above (p - 1) / 2.</summary>
    public static bool IsNegative(in Fp value)
    {
        value.ToCanonical(out var l0, out var l1, out var l2, out var l3);
        if (l3 != HalfP[3]) return l3 > HalfP[3];
        if (l2 != HalfP[2]) return l2 > HalfP[2];
        if (l1 != HalfP[1]) return l1 > HalfP[1];
        return l0 > HalfP[0];
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
