namespace ZkPot.Crypto;

/// <summary>
/// The Ethereum precompile encodings of EIP-196/197: 32-byte big-endian coordinates, G2 as x.c1 || x.c0 || y.c1 || y.c0
/// (imaginary part first), all-zero bytes for the point at infinity. Non-canonical coordinates (>= p) are rejected.
/// </summary>
public static class Eip196
{
    public static G1Affine ReadG1(ReadOnlySpan<byte> b)
    {
        if (b.Length != 64) throw new FormatException($"G1 point needs 64 bytes, got {b.Length}");
        var x = ReadCoordinate(b[..32], "x");
        var y = ReadCoordinate(b[32..], "y");
        if (x.IsZero && y.IsZero) return G1Affine.Infinity;
        return G1.Checked(new G1Affine(x, y), "EIP-196 input");
    }

    public static G2Affine ReadG2(ReadOnlySpan<byte> b)
    {
        if (b.Length != 128) throw new FormatException($"G2 point needs 128 bytes, got {b.Length}");
        var x = new Fp2(ReadCoordinate(b[32..64], "x.c0"), ReadCoordinate(b[..32], "x.c1"));
        var y = new Fp2(ReadCoordinate(b[96..128], "y.c0"), ReadCoordinate(b[64..96], "y.c1"));
        if (x.IsZero && y.IsZero) return G2Affine.Infinity;
        return G2.Checked(new G2Affine(x, y), "EIP-197 input");
    }

    public static byte[] WriteG1(in G1Affine p)
    {
        var b = new byte[64];
        if (p.IsInfinity) return b;
        p.X.WriteBigEndian(b);
        p.Y.WriteBigEndian(b.AsSpan(32));
        return b;
    }

    public static byte[] WriteG2(in G2Affine q)
    {
        var b = new byte[128];
        if (q.IsInfinity) return b;
        q.X.C1.WriteBigEndian(b); q.X.C0.WriteBigEndian(b.AsSpan(32));
        q.Y.C1.WriteBigEndian(b.AsSpan(64)); q.Y.C0.WriteBigEndian(b.AsSpan(96));
        return b;
    }

    /// <summary>The ECADD precompile (0x06): input right-padded with zeros to 128 bytes.</summary>
    public static byte[] Add(ReadOnlySpan<byte> input)
    {
        var buf = Padded(input, 128);
        var p = ReadG1(buf[..64]).ToJacobian();
        var q = ReadG1(buf[64..]);
        return WriteG1(p.AddMixed(q).ToAffine());
    }

    /// <summary>The ECMUL precompile (0x07): a G1 point and an unreduced 256-bit big-endian scalar.</summary>
    public static byte[] Mul(ReadOnlySpan<byte> input)
    {
        var buf = Padded(input, 96);
        var p = ReadG1(buf[..64]);
        Span<ulong> k = stackalloc ulong[4];
        for (int i = 0; i < 4; i++) k[3 - i] = System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(buf[(64 + 8 * i)..]);
        return WriteG1(p.ToJacobian().Multiply(k).ToAffine());
    }

    /// <summary>The pairing-check precompile (0x08): k pairs of (G1, G2); true when the product of pairings is 1.</summary>
    public static bool PairingCheck(ReadOnlySpan<byte> input)
    {
        if (input.Length % 192 != 0) throw new FormatException($"pairing input length {input.Length} is not a multiple of 192");
        int k = input.Length / 192;
        var ps = new G1Affine[k];
        var qs = new G2Prepared[k];
        for (int i = 0; i < k; i++)
        {
            ps[i] = ReadG1(input.Slice(192 * i, 64));
            qs[i] = new G2Prepared(ReadG2(input.Slice(192 * i + 64, 128)));
        }
        return Pairing.Check(ps, qs);
    }

    static Fp ReadCoordinate(ReadOnlySpan<byte> b, string name)
    {
        try { return Fp.FromBytesBigEndian(b); }
        catch (FormatException) { throw new FormatException($"coordinate {name} is not below the field modulus p"); }
    }

    static Span<byte> Padded(ReadOnlySpan<byte> input, int length)
    {
        var buf = new byte[length];
        input[..Math.Min(length, input.Length)].CopyTo(buf);
        return buf;
    }
}
