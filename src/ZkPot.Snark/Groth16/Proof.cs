using ZkPot.Crypto;

namespace ZkPot.Snark.Groth16;

/// <summary>
/// A Groth16 proof (A in G1, B in G2, C in G1): 128 bytes compressed, 256 uncompressed. A commit-and-prove proof adds
/// <see cref="Commitment"/>: D, the commitment to the committed wires, and Pi, its proof of knowledge (192 bytes compressed).
/// </summary>
public sealed record Proof(G1Affine A, G2Affine B, G1Affine C, ProofCommitment? Commitment = null)
{
    public const int CompressedSize = 128;
    public const int CommittedCompressedSize = 192;

    /// <summary>A || B || C (|| D || Pi) with <see cref="CompressedPoint"/> encodings.</summary>
    public byte[] ToCompressed()
    {
        var b = new byte[Commitment is null ? CompressedSize : CommittedCompressedSize];
        CompressedPoint.WriteG1(b.AsSpan(0, 32), A);
        CompressedPoint.WriteG2(b.AsSpan(32, 64), B);
        CompressedPoint.WriteG1(b.AsSpan(96, 32), C);
        if (Commitment is { } c)
        {
            CompressedPoint.WriteG1(b.AsSpan(128, 32), c.D);
            CompressedPoint.WriteG1(b.AsSpan(160, 32), c.Pi);
        }
        return b;
    }

    /// <summary>Decodes and checks (on curve, B in the subgroup) a 128-byte proof, or a 192-byte commit-and-prove one.</summary>
    public static Proof FromCompressed(ReadOnlySpan<byte> b)
    {
        if (b.Length is not (CompressedSize or CommittedCompressedSize))
            throw new FormatException($"a compressed proof takes {CompressedSize} bytes ({CommittedCompressedSize} with a commitment), got {b.Length}");
        var commitment = b.Length == CommittedCompressedSize
            ? new ProofCommitment(CompressedPoint.ReadG1(b.Slice(128, 32)), CompressedPoint.ReadG1(b.Slice(160, 32)))
            : null;
        return new Proof(CompressedPoint.ReadG1(b[..32]), CompressedPoint.ReadG2(b.Slice(32, 64)), CompressedPoint.ReadG1(b.Slice(96, 32)), commitment);
    }
}

/// <summary>D = sum_j a_j F_j over the committed wires (the mask's random value hides the rest), and Pi = sigma D.</summary>
public sealed record ProofCommitment(G1Affine D, G1Affine Pi);
