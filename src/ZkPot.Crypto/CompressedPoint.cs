namespace ZkPot.Crypto;

/// <summary>
/// Compressed points: G1 in 32 bytes, G2 in 64 (x only, big-endian; G2 as x.c1 || x.c0 like EIP-197). Both moduli
/// leave the top two bits of the first byte free: bit 7 marks the point at infinity (all other bits zero), bit 6 says
/// y is the larger of the two roots (y > -y, comparing c1 then c0 for Fp2). A Groth16 proof is 32 + 64 + 32 = 128 bytes.
/// Decoding checks the flags, that x is canonical, that x is on the curve, and for G2 the subgroup.
/// </summary>
public static class CompressedPoint
{
    const byte InfinityFlag = 0x80, LargerYFlag = 0x40, FlagMask = 0xC0;

    public static void WriteG1(Span<byte> dst, in G1Affine p)
    {
        if (dst.Length != 32) throw new ArgumentException("a compressed G1 point takes 32 bytes");
        dst.Clear();
        if (p.IsInfinity) { dst[0] = InfinityFlag; return; }
        p.X.WriteBigEndian(dst);
        if (IsLarger(p.Y)) dst[0] |= LargerYFlag;
    }

    public static void WriteG2(Span<byte> dst, in G2Affine q)
    {
        if (dst.Length != 64) throw new ArgumentException("a compressed G2 point takes 64 bytes");
        dst.Clear();
        if (q.IsInfinity) { dst[0] = InfinityFlag; return; }
        q.X.C1.WriteBigEndian(dst);
        q.X.C0.WriteBigEndian(dst[32..]);
        if (IsLarger(q.Y)) dst[0] |= LargerYFlag;
    }

    public static G1Affine ReadG1(ReadOnlySpan<byte> src)
    {
        if (src.Length != 32) throw new FormatException($"a compressed G1 point takes 32 bytes, got {src.Length}");
        if (ReadInfinity(src)) return G1Affine.Infinity;
        bool larger = (src[0] & LargerYFlag) != 0;
        var x = Coordinate(src, "x");
        if (!(x.Square() * x + G1.B).TrySqrtFp(out var y)) throw new InvalidDataException("compressed G1 point: x is not on the curve");
        if (IsLarger(y) != larger) y = -y;
        return new G1Affine(x, y);
    }

    public static G2Affine ReadG2(ReadOnlySpan<byte> src)
    {
        if (src.Length != 64) throw new FormatException($"a compressed G2 point takes 64 bytes, got {src.Length}");
        if (ReadInfinity(src)) return G2Affine.Infinity;
        bool larger = (src[0] & LargerYFlag) != 0;
        var x = new Fp2(Coordinate(src[32..], "x.c0"), Coordinate(src[..32], "x.c1"));
        if (!(x.Square() * x + G2.B).TrySqrt(out var y)) throw new InvalidDataException("compressed G2 point: x is not on the twist");
        if (IsLarger(y) != larger) y = -y;
        return G2.Checked(new G2Affine(x, y), "compressed G2 point");
    }

    static bool ReadInfinity(ReadOnlySpan<byte> src)
    {
        if ((src[0] & InfinityFlag) == 0) return false;
        if ((src[0] & ~InfinityFlag) != 0 || src[1..].ContainsAnyExcept((byte)0))
            throw new FormatException("compressed point at infinity must have every other bit zero");
        return true;
    }

    static Fp Coordinate(ReadOnlySpan<byte> src, string name)
    {
        Span<byte> b = stackalloc byte[32];
        src[..32].CopyTo(b);
        b[0] &= unchecked((byte)~FlagMask);
        try { return Fp.FromBytesBigEndian(b); }
        catch (FormatException) { throw new FormatException($"compressed point: {name} is not below the field modulus p"); }
    }

    static readonly System.Numerics.BigInteger HalfP = (Fp.Modulus - 1) / 2;

    static bool IsLarger(in Fp y) => y.ToBigInteger() > HalfP;

    static bool IsLarger(in Fp2 y) => y.C1.IsZero ? IsLarger(y.C0) : IsLarger(y.C1);

    /// <summary>Square root in Fp (p = 3 mod 4: a^((p+1)/4)), checked.</summary>
    static bool TrySqrtFp(this Fp a, out Fp root)
    {
        root = a.Pow(SqrtExponent);
        return root.Square() == a;
    }

    static readonly System.Numerics.BigInteger SqrtExponent = (Fp.Modulus + 1) / 4;
}
