using System.Buffers.Binary;
using System.Numerics;
using ZkPot.Crypto;

namespace ZkPot.Snark.Formats;

/// <summary>
/// 32-byte little-endian field elements as the iden3 files hold them: canonical in .r1cs/.wtns, Montgomery in .zkey
/// points, and "Montgomery times R" in the .zkey coefficient section. Every read checks the value is below the modulus.
/// </summary>
internal static class FieldCodec
{
    public const int Size = 32;

    /// <summary>R = 2^256 mod r as a field element; the zkey coefficient encoding is the Montgomery form of c * R.</summary>
    static readonly Fr MontgomeryR = Fr.FromCanonical(RModulus.One0, RModulus.One1, RModulus.One2, RModulus.One3);
    static readonly Fr MontgomeryRInverse = MontgomeryR.Inverse();

    public static bool BelowModulus<M>(ReadOnlySpan<byte> b) where M : struct, IModulus
    {
        ulong l0 = BinaryPrimitives.ReadUInt64LittleEndian(b), l1 = BinaryPrimitives.ReadUInt64LittleEndian(b[8..]);
        ulong l2 = BinaryPrimitives.ReadUInt64LittleEndian(b[16..]), l3 = BinaryPrimitives.ReadUInt64LittleEndian(b[24..]);
        if (l3 != M.M3) return l3 < M.M3;
        if (l2 != M.M2) return l2 < M.M2;
        if (l1 != M.M1) return l1 < M.M1;
        return l0 < M.M0;
    }

    /// <summary>A canonical scalar (as in .r1cs and .wtns); false when it is not below r.</summary>
    public static bool TryReadFr(ReadOnlySpan<byte> b, out Fr value)
    {
        if (!BelowModulus<RModulus>(b))
        {
            value = default;
            return false;
        }
        value = Fr.FromBytesLittleEndian(b[..Size]);
        return true;
    }

    public static void WriteFr(Span<byte> destination, in Fr value) => value.WriteLittleEndian(destination);

    /// <summary>A base-field coordinate in Montgomery form (as in .zkey points); false when it is not below p.</summary>
    public static bool TryReadFpMontgomery(ReadOnlySpan<byte> b, out Fp value)
    {
        if (!BelowModulus<PModulus>(b))
        {
            value = default;
            return false;
        }
        value = Fp.FromBytesLittleEndian(b[..Size], montgomery: true);
        return true;
    }

    public static void WriteFpMontgomery(Span<byte> destination, in Fp value) => value.WriteLittleEndian(destination, montgomery: true);

    /// <summary>
    /// A .zkey coefficient. snarkjs stores the integer S = c * R^2 mod r: read as a Montgomery-form element that is
    /// c * R, so that its prover's Montgomery product with a canonical witness value w gives c * w in Montgomery form
    /// directly. One multiplication by R^-1 recovers the true coefficient c.
    /// </summary>
    public static bool TryReadZKeyCoefficient(ReadOnlySpan<byte> b, out Fr value)
    {
        if (!BelowModulus<RModulus>(b))
        {
            value = default;
            return false;
        }
        value = Fr.FromBytesLittleEndian(b[..Size], montgomery: true) * MontgomeryRInverse;
        return true;
    }

    public static void WriteZKeyCoefficient(Span<byte> destination, in Fr value) =>
        (value * MontgomeryR).WriteLittleEndian(destination, montgomery: true);

    public static BigInteger ReadInteger(ReadOnlySpan<byte> b) => new(b, isUnsigned: true, isBigEndian: false);

    public static void WriteInteger(Span<byte> destination, BigInteger value)
    {
        destination.Clear();
        if (!value.TryWriteBytes(destination, out _, isUnsigned: true, isBigEndian: false))
            throw new ArgumentOutOfRangeException(nameof(value), $"{value} does not fit in {destination.Length} bytes");
    }
}
