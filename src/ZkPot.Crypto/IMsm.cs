namespace ZkPot.Crypto;

/// <summary>
/// Multi-scalar multiplication sum_i [scalars[i]] points[i] over G1 and G2. Points at infinity and zero scalars
/// contribute nothing; the spans must have equal length.
/// </summary>
public interface IMsm
{
    /// <summary>sum_i [scalars[i]] points[i] in G1.</summary>
    G1Jacobian MultiExp(ReadOnlySpan<G1Affine> points, ReadOnlySpan<Fr> scalars);

    /// <summary>sum_i [scalars[i]] points[i] in G2.</summary>
    G2Jacobian MultiExp(ReadOnlySpan<G2Affine> points, ReadOnlySpan<Fr> scalars);
}
