using ZkPot.Crypto;

namespace ZkPot.Snark.Groth16;

/// <summary>A Groth16 proof (A in G1, B in G2, C in G1): 128 bytes compressed, 256 uncompressed.</summary>
public sealed record Proof(G1Affine A, G2Affine B, G1Affine C)
{
    public const int CompressedSize = 128;

    /// <summary>A || B || C with <see cref="CompressedPoint"/> encodings.</summary>
    public byte[] ToCompressed()
    {
        var b = new byte[CompressedSize];
        CompressedPoint.WriteG1(b.AsSpan(0, 32), A);
        CompressedPoint.WriteG2(b.AsSpan(32, 64), B);
        CompressedPoint.WriteG1(b.AsSpan(96, 32), C);
        return b;
    }

    /// <summary>Decodes and checks (on curve, B in the subgroup) a 128-byte proof.</summary>
    public static Proof FromCompressed(ReadOnlySpan<byte> b)
    {
        if (b.Length != CompressedSize) throw new FormatException($"a compressed proof takes {CompressedSize} bytes, got {b.Length}");
        return new Proof(CompressedPoint.ReadG1(b[..32]), CompressedPoint.ReadG2(b.Slice(32, 64)), CompressedPoint.ReadG1(b[96..]));
    }
}
