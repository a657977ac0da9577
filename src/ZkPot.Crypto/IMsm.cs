namespace ZkPot.Crypto;

/// <summary>
/// Multi-scalar multiplication sum_i [scalars[i]] points[i] over G1 and G2. Points at infinity and zero scalars
/// contribute nothing; the spans must have equal length.
/// </summary>
public interface IMsm
{
    /// <summary>sum_i [scalars[i]] points[i] in G1.</summary>
    G1Jacobian MultiExp(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars);

    /// <summary>
    /// sum_i [scalars[i]] points[i] in G2. The points must be in G2 proper, the order-r subgroup of the twist: an
    /// engine may use phi = [lambda], which holds only there (see Glv); for other points of the twist the sum is
    /// undefined. A proving key's B2 points are not checked for this (see ZKeyReader), which is safe: a bad point can
    /// only spoil the prover's own proof, and the CLI verifies every proof before writing it.
    /// </summary>
    G2Jacobian MultiExp(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars);
}
