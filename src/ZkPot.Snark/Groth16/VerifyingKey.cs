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

    /// <summary>The commit-and-prove part (commitment bases F_j and [sigma]_2), or null for a plain key.</summary>
    public CommitmentVerifyingKey? Commitment { get; private init; }

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

    /// <summary>
    /// Checks every point (on curve, G2 in subgroup) and refuses degenerate keys, for which proofs of false statements
    /// verify: a point at infinity among alpha, beta, gamma, delta or IC; gamma = delta (then A = [alpha]_1,
    /// B = [beta]_2, C = -IC(x) verifies for every x); delta = the G2 generator (a key before any phase-2
    /// contribution, whose delta everyone knows).
    /// </summary>
    public static VerifyingKey Create(G1Affine alpha, G2Affine beta, G2Affine gamma, G2Affine delta, IReadOnlyList<G1Affine> ic)
    {
        var key = CreateUnchecked(alpha, beta, gamma, delta, ic);
        if (gamma == delta)
            throw new InvalidDataException("verifying key: gamma = delta, a degenerate key: A = [alpha]_1, B = [beta]_2, C = -IC(x) would verify for any public inputs");
        if (delta == G2.Generator)
            throw new InvalidDataException("verifying key: delta is the G2 generator, the key of a setup with no phase-2 contribution (its delta is known to everyone); contribute to it first (zkpot zkey contribute)");
        for (int i = 0; i < ic.Count; i++)
        {
            if (ic[i].IsInfinity)
                throw new InvalidDataException($"verifying key: IC[{i}] is the point at infinity, so public input {i} is not bound by the proof");
        }
        return key;
    }

    /// <summary>
    /// The same key with a commitment part: its bases must be nonzero points of G1 (a zero base would leave its wire
    /// unbound) and [sigma]_2 in G2, not the generator (sigma = 1, before any contribution, lets anyone forge Pi).
    /// </summary>
    public VerifyingKey WithCommitment(IReadOnlyList<G1Affine> bases, G2Affine sigma2)
    {
        if (bases.Count < 2)
            throw new InvalidDataException($"verifying key: a commitment covers at least one wire and the mask, got {bases.Count} bases");
        for (var j = 0; j < bases.Count; j++)
        {
            G1.Checked(bases[j], $"verifying key commitment base {j}");
            if (bases[j].IsInfinity)
                throw new InvalidDataException($"verifying key: commitment base {j} is the point at infinity, so its wire would not be bound");
        }
        G2.Checked(sigma2, "verifying key sigma2");
        if (sigma2.IsInfinity || sigma2 == G2.Generator)
            throw new InvalidDataException("verifying key: [sigma]_2 is the generator or infinity: the commitment key has no contribution, so its proofs of knowledge can be forged");
        var key = new VerifyingKey(Alpha, Beta, Gamma, Delta, IC) { Commitment = new CommitmentVerifyingKey(bases.ToArray(), sigma2) };
        return key;
    }

    /// <summary>Checks the points but not the degeneracies <see cref="Create"/> refuses: for tests that show those attacks work.</summary>
    internal static VerifyingKey CreateUnchecked(G1Affine alpha, G2Affine beta, G2Affine gamma, G2Affine delta, IReadOnlyList<G1Affine> ic)
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

/// <summary>The verifier's part of a commit-and-prove key: the commitment bases F_j (the commitment key) and [sigma]_2.</summary>
public sealed class CommitmentVerifyingKey
{
    internal CommitmentVerifyingKey(G1Affine[] bases, G2Affine sigma2)
    {
        Bases = bases;
        Sigma2 = sigma2;
        SigmaPrepared = G2Prepared.ForFixedPoint(sigma2);
    }

    /// <summary>F_j for each committed wire, the mask last.</summary>
    public IReadOnlyList<G1Affine> Bases { get; }

    public G2Affine Sigma2 { get; }

    /// <summary>Committed wires, the mask included.</summary>
    public int Count => Bases.Count;

    internal G2Prepared SigmaPrepared { get; }
}
