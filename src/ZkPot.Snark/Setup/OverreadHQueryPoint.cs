using System.Numerics;

namespace ZkPot.Snark.Setup;

/// <summary>
/// Reproduces one value snarkjs feeds its circuit hash when a key's domain fills the powers-of-tau file (n = 2^power,
/// n - 1 above 2^14): its last H-query chunk reads the 64 bytes after section 2 as the point tau^(2n-1) G1 (Montgomery
/// x and y, here usually not even reduced mod p) and subtracts tau^(n-1) G1 with wasmcurves' <c>g1m_subAffine</c>.
/// Since the "point" is not on the curve and its coordinates may exceed p, the result depends on the exact 256-bit
/// integer behaviour of wasmcurves' field code, not just on residues mod p: its add and sub wrap modulo 2^256 before
/// and after the single correction by p, and its Montgomery product leaves t - p or t. That arithmetic is emulated
/// here operation by operation, following the order of <c>g1m_addAffine</c> (add-2007-bl with Z1 = Z2 = 1); the
/// Jacobian result is then reduced and made affine as <c>g1m_batchToAffine</c> and <c>LEMtoU</c> do.
/// </summary>
internal static class OverreadHQueryPoint
{
    static readonly BigInteger Q = Fp.Modulus;
    static readonly BigInteger Word = BigInteger.One << 256;
    static readonly BigInteger QInverseNegated = Word - BigInteger.ModPow(Q, PhiOfWord() - 1, Word);

    /// <summary><paramref name="bytes"/>: the 64 bytes after section 2; <paramref name="subtrahend"/>: tau^(n-1) G1.</summary>
    public static G1Affine Compute(ReadOnlySpan<byte> bytes, in G1Affine subtrahend)
    {
        var x1 = new BigInteger(bytes[..32], isUnsigned: true);
        var y1 = new BigInteger(bytes[32..64], isUnsigned: true);
        // The negated subtrahend as wasmcurves holds it: Montgomery form, y replaced by 0 - y (that is, p - y).
        var x2 = Montgomery(subtrahend.X);
        var y2 = Sub(BigInteger.Zero, Montgomery(subtrahend.Y));

        var h = Sub(x2, x1);
        var yDifference = Sub(y2, y1);
        var hh = Mul(h, h);
        var i = Add(hh, hh);
        i = Add(i, i);
        var j = Mul(h, i);
        var r = Add(yDifference, yDifference);
        var v = Mul(x1, i);
        var r2 = Mul(r, r);
        var v2 = Add(v, v);
        var x3 = Sub(Sub(r2, j), v2);
        var y1j2 = Mul(y1, j);
        y1j2 = Add(y1j2, y1j2);
        var y3 = Sub(Mul(Sub(v, x3), r), y1j2);
        var z3 = Add(h, h);

        // From here on only products follow (inversion, X / Z^2, Y / Z^3, conversion out of Montgomery form), which
        // all respect residues, so the residues of the emulated words decide the affine point.
        var x = FromMontgomeryResidue(x3);
        var y = FromMontgomeryResidue(y3);
        var z = FromMontgomeryResidue(z3);
        return new G1Jacobian(x, y, z).ToAffine();
    }

    static BigInteger Montgomery(in Fp value)
    {
        Span<byte> bytes = stackalloc byte[32];
        value.WriteLittleEndian(bytes, montgomery: true);
        return new BigInteger(bytes, isUnsigned: true);
    }

    static Fp FromMontgomeryResidue(BigInteger word)
    {
        Span<byte> bytes = stackalloc byte[32];
        (word % Q).TryWriteBytes(bytes, out _, isUnsigned: true);
        return Fp.FromBytesLittleEndian(bytes, montgomery: true);
    }

    /// <summary>f1m_sub: x - y modulo 2^256; on a borrow, + p modulo 2^256.</summary>
    static BigInteger Sub(BigInteger x, BigInteger y)
    {
        var r = x - y;
        return r.Sign >= 0 ? r : Mod(Mod(r) + Q);
    }

    /// <summary>f1m_add: x + y; on a carry out of 256 bits, the low word minus p modulo 2^256; else minus p once if at least p.</summary>
    static BigInteger Add(BigInteger x, BigInteger y)
    {
        var s = x + y;
        if (s >= Word)
            return Mod(s - Word - Q);
        return s >= Q ? s - Q : s;
    }

    /// <summary>f1m_mul: t = (x y + m p) / 2^256 with m the Montgomery quotient; t - p if t is at least p, else t.</summary>
    static BigInteger Mul(BigInteger x, BigInteger y)
    {
        var product = x * y;
        var m = Mod(product * QInverseNegated);
        var t = (product + m * Q) >> 256;
        return t >= Q ? t - Q : t;
    }

    static BigInteger Mod(BigInteger value)
    {
        var r = value % Word;
        return r.Sign < 0 ? r + Word : r;
    }

    /// <summary>phi(2^256) = 2^255, so p^(2^255 - 1) is p's inverse modulo 2^256 (p is odd).</summary>
    static BigInteger PhiOfWord() => BigInteger.One << 255;
}
