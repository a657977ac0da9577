using ZkPot.Crypto;

namespace ZkPot.Snark.Groth16;

/// <summary>
/// A Groth16 verifying key. Its fixed G2 points are prepared (Miller-loop lines computed) once, and the Miller loop of
/// e(alpha, beta) is kept, so each verification pays for only three Miller-loop pairs.
/// </summary>
public sealed class VerifyingKey
{
    public G1Affine Alpha { get; }
    public G2Affine Beta { get; }
    public G2Affine Gamma { get; }
    public G2Affine Delta { get; }
    /// <summary>IC[0] plus one point per public signal.</summary>
    public IReadOnlyList<G1Affine> IC { get; }
    public int PublicCount => IC.Count - 1;

    internal G2Prepared GammaPrepared { get; }
    internal G2Prepared DeltaPrepared { get; }
    internal G2Prepared BetaPrepared { get; }
    internal Fp12 AlphaBetaMiller { get; }

    /// <summary>Builds a key from points that are already checked; <see cref="Create"/> checks them.</summary>
    VerifyingKey(G1Affine alpha, G2Affine beta, G2Affine gamma, G2Affine delta, IReadOnlyList<G1Affine> ic)
    {
        Alpha = alpha; Beta = beta; Gamma = gamma; Delta = delta; IC = ic;
        BetaPrepared = G2Prepared.ForFixedPoint(beta);
        GammaPrepared = G2Prepared.ForFixedPoint(gamma);
        DeltaPrepared = G2Prepared.ForFixedPoint(delta);
        AlphaBetaMiller = Pairing.MillerLoop([alpha], [BetaPrepared]);
    }

    /// <summary>Checks every point (on curve, G2 in subgroup, no point at infinity where one would make the key degenerate).</summary>
    public static VerifyingKey Create(G1Affine alpha, G2Affine beta, G2Affine gamma, G2Affine delta, IReadOnlyList<G1Affine> ic)
    {
        if (ic.Count == 0) throw new InvalidDataException("verifying key: IC must hold at least one point");
        G1.Checked(alpha, "verifying key alpha");
        G2.Checked(beta, "verifying key beta");
        G2.Checked(gamma, "verifying key gamma");
        G2.Checked(delta, "verifying key delta");
        if (alpha.IsInfinity || beta.IsInfinity || gamma.IsInfinity || delta.IsInfinity)
            throw new InvalidDataException("verifying key: alpha, beta, gamma and delta must not be the point at infinity");
        for (int i = 0; i < ic.Count; i++) G1.Checked(ic[i], $"verifying key IC[{i}]");
        return new VerifyingKey(alpha, beta, gamma, delta, ic.ToArray());
    }
}
