using System.Buffers.Binary;
using System.Numerics;
using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The map from a phase-2 transcript hash to a G2 point that snarkjs uses (keypair.js <c>hashToG2</c> over
/// ffjavascript's <c>G2.fromRng</c>), reproduced exactly so that snarkjs checks our contributions and we check its own:
/// the first 32 bytes of the hash, read as eight big-endian words, seed <see cref="ChaChaStream"/>; an x in Fp2 is drawn
/// (c0 then c1, each 4 x 64 bits masked to 254 bits and redrawn until below p, the drawn integer taken as the element's
/// Montgomery form), then one word whose low bit picks the sign of y; x is redrawn until x^3 + b is a square. The
/// root with the chosen sign (ffjavascript's: the sign of c1, or of c0 when c1 = 0, with "negative" meaning above
/// (p - 1) / 2) is multiplied by the twist's cofactor 2p - r, which lands it in the order-r subgroup.
/// </summary>
/// <remarks>
/// This is try-and-retry with fresh randomness rather than a constant-time hash to curve (RFC 9380); the points are
/// derived from public transcripts, so timing reveals nothing secret. Nobody knows the discrete logarithm of the result
/// to any base, which is all the proof of knowledge needs.
/// </remarks>
public static class HashToG2
{
    static readonly BigInteger Cofactor = 2 * Fp.Modulus - Fr.Modulus;

    /// <summary>The point for a transcript hash; only its first 32 bytes matter, as in snarkjs.</summary>
    public static G2Affine FromTranscript(ReadOnlySpan<byte> hash)
    {
        if (hash.Length < 32)
            throw new ArgumentException($"a transcript hash needs at least 32 bytes, got {hash.Length}", nameof(hash));
        Span<uint> seed = stackalloc uint[8];
        for (var i = 0; i < 8; i++)
            seed[i] = BinaryPrimitives.ReadUInt32BigEndian(hash[(4 * i)..]);
        var rng = new ChaChaStream(seed);

        Fp2 x, y;
        bool wantNegative;
        while (true)
        {
            x = new Fp2(NextFp(rng), NextFp(rng));
            wantNegative = rng.NextBool();
            if ((x.Square() * x + G2.B).TrySqrt(out y))
                break;
        }
        if (HashEncoding.IsNegative(y) != wantNegative)
            y = -y;
        return new G2Affine(x, y).ToJacobian().Multiply(Cofactor).ToAffine();
    }

    static Fp NextFp(ChaChaStream rng)
    {
        while (true)
        {
            var l0 = rng.NextU64();
            var l1 = rng.NextU64();
            var l2 = rng.NextU64();
            var l3 = rng.NextU64() & (ulong.MaxValue >> 2);
            if (IsBelowP(l0, l1, l2, l3))
                return Fp.FromMontgomery(l0, l1, l2, l3);
        }
    }

    static bool IsBelowP(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        var value = new BigInteger(l0) | (new BigInteger(l1) << 64) | (new BigInteger(l2) << 128) | (new BigInteger(l3) << 192);
        return value < Fp.Modulus;
    }
}
