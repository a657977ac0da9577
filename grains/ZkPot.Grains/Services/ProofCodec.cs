using ZkPot.Crypto;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>Groth16 proofs as EIP-196 bytes (A 64 | B 128 | C 64 = 256 bytes; no compressed point encoding exists in the crypto layer yet).</summary>
public static class ProofCodec
{
    public const int Size = 256;

    public static byte[] Encode(Proof proof)
    {
        var bytes = new byte[Size];
        Eip196.WriteG1(proof.A).CopyTo(bytes, 0);
        Eip196.WriteG2(proof.B).CopyTo(bytes, 64);
        Eip196.WriteG1(proof.C).CopyTo(bytes, 192);
        return bytes;
    }

    /// <summary>Decodes and checks every point (on curve, in subgroup); InvalidDataException names what is wrong.</summary>
    public static Proof Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidDataException($"proof: expected {Size} bytes (EIP-196 A, B, C), got {bytes.Length}");
        try
        {
            return new Proof(Eip196.ReadG1(bytes[..64]), Eip196.ReadG2(bytes.Slice(64, 128)), Eip196.ReadG1(bytes[192..]));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidDataException("proof: " + e.Message, e);
        }
    }

    /// <summary>A field element as 32 big-endian bytes (the form commitments take in claims and blocks).</summary>
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
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        if (value >= Fr.Modulus) throw new InvalidDataException($"{field}: value is not below the BN254 scalar field modulus");
        return Fr.FromBigInteger(value);
    }
}
