using ZkPot.Crypto;
using ZkPot.Ledger.Crypto;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>
/// Accuracy proofs in claims: the compressed commit-and-prove form A | B | C | D | Pi (192 bytes, docs/PROTOCOL.md), and
/// G1 points (commitments D and their sums) as 32-byte compressed ids in claims and headers.
/// </summary>
public static class ProofCodec
{
    public const int Size = Proof.CommittedCompressedSize;

    public static byte[] Encode(Proof proof) =>
        proof.Commitment is null ? throw new ArgumentException("an accuracy proof carries a commitment D", nameof(proof)) : proof.ToCompressed();

    /// <summary>Decodes and checks every point (on curve, B in the subgroup); InvalidDataException names what is wrong.</summary>
    public static Proof Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidDataException($"proof: expected {Size} bytes (compressed A, B, C, D, Pi), got {bytes.Length}");
        try { return Proof.FromCompressed(bytes); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidDataException("proof: " + e.Message, e);
        }
    }

    /// <summary>The compressed encoding of a G1 point as a claim or header field.</summary>
    public static Hash32 PointId(in G1Affine point)
    {
        var bytes = new byte[32];
        CompressedPoint.WriteG1(bytes, point);
        return new Hash32(bytes);
    }

    public static G1Affine PointFrom(Hash32 id, string what)
    {
        try { return CompressedPoint.ReadG1(id.ToArray()); }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidDataException($"{what}: not a compressed G1 point: {e.Message}", e);
        }
    }

    /// <summary>A field element as 32 big-endian bytes.</summary>
    public static byte[] FieldBytes(Fr value)
    {
        var bytes = new byte[32];
        value.WriteBigEndian(bytes);
        return bytes;
    }

    /// <summary>32 big-endian bytes as a field element; refuses values not below the scalar field modulus.</summary>
    public static Fr FieldFrom(ReadOnlySpan<byte> bytes, string field)
    {
        if (bytes.Length != 32) throw new InvalidDataException($"{field}: expected 32 bytes, got {bytes.Length}");
        return ZkPot.Circuits.FieldBytes.Read(bytes, field);
    }
}
