using System.Text;
using ZkPot.Crypto;

namespace ZkPot.Snark.Tests.Setup;

/// <summary>
/// Writes a structurally valid, cryptographically meaningless prepared .ptau: every section has the right size and
/// every point lies on its curve (point k of a section is [k + 1 + offset] times the generator), but nothing is a
/// power of any tau. Setup without the consistency check, ours and snarkjs's alike, turns it into a key
/// deterministically, so the two can be compared at sizes for which no real ptau is at hand.
/// </summary>
internal static class FakePowersOfTau
{
    public static void Write(string path, int power)
    {
        long n = 1L << power;
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(Encoding.ASCII.GetBytes("ptau"));
        stream.Write(BitConverter.GetBytes(1u));
        stream.Write(BitConverter.GetBytes(11u));

        var header = new byte[44];
        BitConverter.TryWriteBytes(header, 32u);
        Fp.Modulus.TryWriteBytes(header.AsSpan(4, 32), out _, isUnsigned: true);
        BitConverter.TryWriteBytes(header.AsSpan(36), (uint)power);
        BitConverter.TryWriteBytes(header.AsSpan(40), (uint)power);
        Section(stream, 1, header);
        Section(stream, 2, G1Points(2 * n - 1, 1));
        Section(stream, 3, G2Points(n, 1));
        Section(stream, 4, G1Points(n, 7));
        Section(stream, 5, G1Points(n, 11));
        Section(stream, 6, G2Points(1, 13));
        Section(stream, 7, BitConverter.GetBytes(0u));
        Section(stream, 12, G1Points(4 * n - 1, 17));
        Section(stream, 13, G2Points(2 * n - 1, 19));
        Section(stream, 14, G1Points(2 * n - 1, 23));
        Section(stream, 15, G1Points(2 * n - 1, 29));
    }

    static void Section(Stream stream, uint type, byte[] content)
    {
        stream.Write(BitConverter.GetBytes(type));
        stream.Write(BitConverter.GetBytes((ulong)content.Length));
        stream.Write(content);
    }

    static byte[] G1Points(long count, int offset) => Encode(Multiples(G1.Generator, count, offset), 64, (d, p) =>
    {
        p.X.WriteLittleEndian(d, montgomery: true);
        p.Y.WriteLittleEndian(d[32..], montgomery: true);
    });

    static byte[] G2Points(long count, int offset) => Encode(Multiples(G2.Generator, count, offset), 128, (d, p) =>
    {
        p.X.C0.WriteLittleEndian(d, montgomery: true);
        p.X.C1.WriteLittleEndian(d[32..], montgomery: true);
        p.Y.C0.WriteLittleEndian(d[64..], montgomery: true);
        p.Y.C1.WriteLittleEndian(d[96..], montgomery: true);
    });

    static AffinePoint<F>[] Multiples<F>(AffinePoint<F> generator, long count, int offset) where F : struct, IField<F>
    {
        var points = new JacobianPoint<F>[count];
        var acc = generator.ToJacobian().Multiply(new System.Numerics.BigInteger(offset));
        for (var i = 0; i < count; i++)
        {
            acc = acc.AddMixed(generator);
            points[i] = acc;
        }
        return JacobianPoint<F>.ToAffine(points);
    }

    delegate void Encoder<T>(Span<byte> destination, T value);

    static byte[] Encode<T>(T[] points, int size, Encoder<T> encode)
    {
        var bytes = new byte[points.Length * size];
        for (var i = 0; i < points.Length; i++)
            encode(bytes.AsSpan(i * size, size), points[i]);
        return bytes;
    }
}
