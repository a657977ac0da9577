namespace ZkPot.Crypto;

/// <summary>
/// The GLV endomorphism of BN254 (Gallant, Lambert and Vanstone, CRYPTO 2001): with beta a cube root of unity in Fp,
/// phi(x, y) = (beta x, y) maps both curves (y^2 = x^3 + b over Fp and over Fp2) to themselves, and on the order-r
/// groups it is multiplication by lambda, a cube root of unity mod r. A scalar k splits as k = k1 + k2 lambda (mod r)
/// with |k1|, |k2| &lt; 2^127, so [k]P = [k1]P + [k2]phi(P): half as many bits, twice as many points.
/// <para>
/// The split rounds k's coordinates in the short basis v1 = (A1, -B1), v2 = (A2, B2) of the lattice
/// {(a, b) : a + b lambda = 0 mod r} (determinant r, A1, B2 ~ 2^63, A2, B1 ~ 2^126.8): c1 ~ k B2 / r and
/// c2 ~ k B1 / r, each the rounded high half of k times a precomputed floor(2^256 B / r), then k1 = k - c1 A1 - c2 A2
/// and k2 = c1 B1 - c2 B2. Each c is within 3/4 of the exact quotient (1/2 from rounding, below 1/4 from the
/// constant's floor, as k &lt; 2^254), so |k1| &lt; 3/4 (A1 + A2) and |k2| &lt; 3/4 (B1 + B2), both below 2^126.5; the
/// results are computed mod 2^128 and read as signed. The constants come from the extended Euclidean algorithm on
/// (r, lambda) and are checked in tests.
/// </para>
/// </summary>
internal static class Glv
{
    /// <summary>lambda, the cube root of unity mod r that phi multiplies by, 192 bits.</summary>
    public static readonly Fr Lambda = Fr.FromCanonical(0x8b17ea66b99c90dd, 0x5bfc41088d8daaa7, 0xb3c4d79d41a91758, 0);

    /// <summary>beta for G1 over Fp: phi(P) = [lambda] P on G1.</summary>
    public static readonly Fp BetaG1 = Fp.FromCanonical(0x5763473177fffffe, 0xd4f263f1acdb5c4f, 0x59e26bcea0d48bac, 0);

    /// <summary>beta for G2 over Fp2 (the other cube root, beta_G1^2): phi(Q) = [lambda] Q on G2.</summary>
    public static readonly Fp BetaG2 = Fp.FromCanonical(0xe4bd44e5607cfd48, 0xc28f069fbb966e3d, 0x5e6dd9e7e0acccb0, 0x30644e72e131a029);

    static readonly UInt128 A1 = 0x89d3256894d213e3UL;
    static readonly UInt128 B1 = new(0x6f4d8248eeb859fc, 0x8211bbeb7d4f1128);
    static readonly UInt128 A2 = new(0x6f4d8248eeb859fd, 0x0be4e1541221250b);
    static readonly UInt128 B2 = 0x89d3256894d213e3UL;

    /// <summary>floor(2^256 B2 / r), 66 bits, and floor(2^256 B1 / r), 130 bits, as three 64-bit words each.</summary>
    const ulong G20 = 0xd91d232ec7e0b3d7, G21 = 0x2, G22 = 0;
    const ulong G10 = 0x7a7bd9d4391eb18d, G11 = 0x4ccef014a773d2cf, G12 = 0x2;

    /// <summary>The largest |k1|, |k2| can be: below 2^127.</summary>
    public const int HalfBits = 127;

    /// <summary>k = k1 + k2 lambda (mod r) with |k1|, |k2| &lt; 2^127, as magnitudes and signs.</summary>
    public static void Split(in Fr k, out UInt128 k1, out bool k1Negative, out UInt128 k2, out bool k2Negative)
    {
        k.ToCanonical(out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        var c1 = HighProduct(l0, l1, l2, l3, G20, G21, G22);
        var c2 = HighProduct(l0, l1, l2, l3, G10, G11, G12);
        // Exact mod 2^128 (UInt128 arithmetic wraps), and the true values lie in (-2^127, 2^127).
        var s1 = new UInt128(l1, l0) - c1 * A1 - c2 * A2;
        var s2 = c1 * B1 - c2 * B2;
        k1Negative = (long)(ulong)(s1 >> 64) < 0;
        k2Negative = (long)(ulong)(s2 >> 64) < 0;
        k1 = k1Negative ? UInt128.Zero - s1 : s1;
        k2 = k2Negative ? UInt128.Zero - s2 : s2;
    }

    /// <summary>l g / 2^256 rounded to the nearest integer, for a 256-bit l and a 192-bit g, when it is below 2^128.</summary>
    static UInt128 HighProduct(ulong l0, ulong l1, ulong l2, ulong l3, ulong g0, ulong g1, ulong g2)
    {
        // Row by row, limbs p1..p5 of the product (p0 only carries); a 64x64 product plus two words never overflows
        // 128 bits.
        UInt128 t = Math.BigMul(l0, g0);
        t = Math.BigMul(l1, g0) + (ulong)(t >> 64); ulong p1 = (ulong)t;
        t = Math.BigMul(l2, g0) + (ulong)(t >> 64); ulong p2 = (ulong)t;
        t = Math.BigMul(l3, g0) + (ulong)(t >> 64); ulong p3 = (ulong)t, p4 = (ulong)(t >> 64);

        t = Math.BigMul(l0, g1) + p1;
        t = Math.BigMul(l1, g1) + p2 + (ulong)(t >> 64); p2 = (ulong)t;
        t = Math.BigMul(l2, g1) + p3 + (ulong)(t >> 64); p3 = (ulong)t;
        t = Math.BigMul(l3, g1) + p4 + (ulong)(t >> 64); p4 = (ulong)t; ulong p5 = (ulong)(t >> 64);

        t = Math.BigMul(l0, g2) + p2;
        t = Math.BigMul(l1, g2) + p3 + (ulong)(t >> 64); p3 = (ulong)t;
        t = Math.BigMul(l2, g2) + p4 + (ulong)(t >> 64); p4 = (ulong)t;
        t = Math.BigMul(l3, g2) + p5 + (ulong)(t >> 64); p5 = (ulong)t;
        return new UInt128(p5, p4) + (p3 >> 63);
    }
}
