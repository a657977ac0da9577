using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ZkPot.Crypto;

namespace ZkPot.Snark.Setup;

/// <summary>
/// The randomness of a powers-of-tau contribution, drawn as snarkjs draws it so that a random beacon (whose randomness
/// is public) gives the same key here and there: a ChaCha20 stream (<see cref="ChaChaStream"/>) seeded with eight
/// big-endian words of a hash; scalars and points drawn as ffjavascript's <c>Fr.fromRng</c> and <c>G1.fromRng</c> do.
/// </summary>
internal static class PtauRandom
{
    /// <summary>
    /// A contribution's stream: BLAKE2b-512 of 64 bytes from the OS CSPRNG and the UTF-8 entropy text, as snarkjs's
    /// <c>getRandomRng</c>. The OS bytes alone make the secret unpredictable; the text only adds to it.
    /// </summary>
    public static ChaChaStream ForContribution(string? entropy)
    {
        var hasher = new Blake2b();
        hasher.Append(RandomNumberGenerator.GetBytes(64));
        hasher.Append(Encoding.UTF8.GetBytes(entropy ?? ""));
        return FromHash(hasher.Finish());
    }

    /// <summary>
    /// A random beacon's stream: SHA-256 applied 2^exponent times to the beacon value (a public hash nobody could
    /// predict at the time, e.g. a future block hash), as snarkjs's <c>rngFromBeaconParams</c>.
    /// </summary>
    public static ChaChaStream ForBeacon(ReadOnlySpan<byte> beacon, int exponent)
    {
        if (exponent is < 0 or > 63)
            throw new ArgumentOutOfRangeException(nameof(exponent), exponent, "the beacon's iteration exponent lies in 0..63");
        var current = beacon.ToArray();
        Span<byte> next = stackalloc byte[32];
        for (ulong i = 0, n = 1UL << exponent; i < n; i++)
        {
            SHA256.HashData(current, next);
            if (current.Length != 32)
                current = new byte[32];
            next.CopyTo(current);
        }
        return FromHash(current);
    }

    static ChaChaStream FromHash(ReadOnlySpan<byte> hash)
    {
        Span<uint> seed = stackalloc uint[8];
        for (var i = 0; i < 8; i++)
            seed[i] = BinaryPrimitives.ReadUInt32BigEndian(hash[(4 * i)..]);
        return new ChaChaStream(seed);
    }

    /// <summary>
    /// ffjavascript's <c>Fr.fromRng</c>: four 64-bit draws, low word first, masked to r's 254 bits and redrawn until below
    /// r; the integer is the element's Montgomery form, so the scalar is that integer times 2^-256 mod r.
    /// </summary>
    public static Fr NextScalar(ChaChaStream rng)
    {
        while (true)
        {
            var l0 = rng.NextU64();
            var l1 = rng.NextU64();
            var l2 = rng.NextU64();
            var l3 = rng.NextU64() & (ulong.MaxValue >> 2);
            if (IsBelow(l0, l1, l2, l3, Fr.Modulus))
                return Fr.FromMontgomery(l0, l1, l2, l3);
        }
    }

    /// <summary>
    /// ffjavascript's <c>G1.fromRng</c>: x drawn as a base-field element (as <see cref="NextScalar"/>, over p), one draw
    /// whose low bit asks for a "negative" y, redrawn until x^3 + 3 is a square; no cofactor on BN254's G1.
    /// </summary>
    public static G1Affine NextG1(ChaChaStream rng)
    {
        while (true)
        {
            var l0 = rng.NextU64();
            var l1 = rng.NextU64();
            var l2 = rng.NextU64();
            var l3 = rng.NextU64() & (ulong.MaxValue >> 2);
            if (!IsBelow(l0, l1, l2, l3, Fp.Modulus))
                continue;
            var x = Fp.FromMontgomery(l0, l1, l2, l3);
            var wantNegative = rng.NextBool();
            var rhs = x.Square() * x + G1.B;
            var y = rhs.Pow(SqrtExponent);
            if (y.Square() != rhs)
                continue;
            if (HashEncoding.IsNegative(y) != wantNegative)
                y = -y;
            return new G1Affine(x, y);
        }
    }

    /// <summary>(p + 1) / 4: p = 3 mod 4, so a^((p+1)/4) is a square root of a when a has one.</summary>
    static readonly System.Numerics.BigInteger SqrtExponent = (Fp.Modulus + 1) / 4;

    static bool IsBelow(ulong l0, ulong l1, ulong l2, ulong l3, System.Numerics.BigInteger modulus)
    {
        var value = new System.Numerics.BigInteger(l0) | (new System.Numerics.BigInteger(l1) << 64)
            | (new System.Numerics.BigInteger(l2) << 128) | (new System.Numerics.BigInteger(l3) << 192);
        return value < modulus;
    }
}
