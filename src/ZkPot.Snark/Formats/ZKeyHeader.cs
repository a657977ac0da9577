using System.Numerics;

namespace ZkPot.Snark.Formats;

/// <summary>
/// The Groth16 header of a .zkey (section 2): sizes and the verification-key points. The curve is always BN254, so
/// the file's n8q, q, n8r and r are constants here.
/// </summary>
public sealed class ZKeyHeader
{
    /// <summary>Bytes per base-field element (n8q).</summary>
    public const int N8q = 32;

    /// <summary>Bytes per scalar (n8r).</summary>
    public const int N8r = 32;

    /// <summary>The largest domain BN254's scalar field has roots of unity for (2^28).</summary>
    public const int MaxDomainSize = 1 << 28;

    public ZKeyHeader(int nVars, int nPublic, int domainSize, G1Affine alpha1, G1Affine beta1, G2Affine beta2,
        G2Affine gamma2, G1Affine delta1, G2Affine delta2)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nVars, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(nPublic);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(nPublic, nVars);
        if (domainSize < 1 || domainSize > MaxDomainSize || !BitOperations.IsPow2(domainSize))
            throw new ArgumentOutOfRangeException(nameof(domainSize), domainSize, $"domain size must be a power of two up to 2^28");
        NVars = nVars;
        NPublic = nPublic;
        DomainSize = domainSize;
        Alpha1 = alpha1;
        Beta1 = beta1;
        Beta2 = beta2;
        Gamma2 = gamma2;
        Delta1 = delta1;
        Delta2 = delta2;
    }

    /// <summary>The base-field modulus q (BN254's p).</summary>
    public static BigInteger Q => Fp.Modulus;

    /// <summary>The scalar-field modulus r.</summary>
    public static BigInteger R => Fr.Modulus;

    /// <summary>All wires, the constant wire 0 included.</summary>
    public int NVars { get; }

    /// <summary>Public signals (outputs, then public inputs), not counting wire 0.</summary>
    public int NPublic { get; }

    /// <summary>The evaluation domain (a power of two at least nConstraints + nPublic + 1).</summary>
    public int DomainSize { get; }

    /// <summary>log2 of <see cref="DomainSize"/>.</summary>
    public int Power => BitOperations.Log2((uint)DomainSize);

    public G1Affine Alpha1 { get; }

    public G1Affine Beta1 { get; }

    public G2Affine Beta2 { get; }

    public G2Affine Gamma2 { get; }

    public G1Affine Delta1 { get; }

    public G2Affine Delta2 { get; }
}
