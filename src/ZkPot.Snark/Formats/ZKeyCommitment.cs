namespace ZkPot.Snark.Formats;

/// <summary>
/// The commit-and-prove part of a proving key (this project's extension of the .zkey, sections 11-13; snarkjs cannot
/// read such keys, plain ones are unchanged). The proof's element D commits to the key's committed wires (the first
/// <see cref="Count"/> private wires, the last one the mask): D = sum_j a_j F_j with F_j = <see cref="Bases"/>[j] =
/// [K_j]_1 (gamma = 1). Its proof of knowledge is pi = sum_j a_j [sigma F_j]_1 (<see cref="SigmaBases"/>), checked as
/// e(pi, G2) = e(D, [sigma]_2) (<see cref="Sigma2"/>). sigma is the ceremony's: every phase-2 contribution multiplies
/// it by a secret of its own, recorded in <see cref="Contributions"/> with a proof of knowledge.
/// </summary>
public sealed class ZKeyCommitment
{
    readonly G1Affine[] _bases;
    readonly G1Affine[] _sigmaBases;

    public ZKeyCommitment(G1Affine[] bases, G1Affine[] sigmaBases, G2Affine sigma2, IReadOnlyList<SigmaContribution> contributions)
    {
        ArgumentNullException.ThrowIfNull(bases);
        ArgumentNullException.ThrowIfNull(sigmaBases);
        ArgumentNullException.ThrowIfNull(contributions);
        if (bases.Length < 2)
            throw new ArgumentException($"a commitment covers at least one wire and its mask, got {bases.Length} bases", nameof(bases));
        if (sigmaBases.Length != bases.Length)
            throw new ArgumentException($"{bases.Length} commitment bases need as many sigma bases, got {sigmaBases.Length}", nameof(sigmaBases));
        _bases = bases;
        _sigmaBases = sigmaBases;
        Sigma2 = sigma2;
        Contributions = contributions.ToArray();
    }

    /// <summary>Committed wires, the mask included.</summary>
    public int Count => _bases.Length;

    /// <summary>F_j = [K_j]_1 for each committed wire j: the commitment key (public, in the verifying key).</summary>
    public ReadOnlySpan<G1Affine> Bases => _bases;

    /// <summary>[sigma F_j]_1: what the prover builds the proof of knowledge from (proving key only).</summary>
    public ReadOnlySpan<G1Affine> SigmaBases => _sigmaBases;

    /// <summary>[sigma]_2, for the verifier.</summary>
    public G2Affine Sigma2 { get; }

    /// <summary>The phase-2 contributions to sigma, one per delta contribution, in order.</summary>
    public IReadOnlyList<SigmaContribution> Contributions { get; }

    internal G1Affine[] BasesArray => _bases;
    internal G1Affine[] SigmaBasesArray => _sigmaBases;
}

/// <summary>
/// One contribution's share of sigma: [sigma]_1 after it (<see cref="SigmaAfter"/>), and for its secret y a random s,
/// [s]G1 = G1S, [s y]G1 = G1Sx and [y] r with r = hash-to-G2 of <see cref="Transcript"/> = BLAKE2b-512("zkpot/sigma" ||
/// the delta contribution's transcript || G1S || G1Sx): a proof of knowledge of y bound to that contribution.
/// </summary>
public sealed record SigmaContribution(G1Affine SigmaAfter, G1Affine G1S, G1Affine G1Sx, G2Affine G2Spx, byte[] Transcript)
{
    public const int TranscriptSize = 64;
    internal const int Size = 3 * PointCodec.G1Size + PointCodec.G2Size + TranscriptSize;
}
