using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>Checks a claim's proof against its public inputs (task, round, participant, weights commitment, correct count, samples); the Groth16 verifier is plugged in here.</summary>
public interface IProofVerifier
{
    /// <summary>Names the proof system and key, e.g. "groth16-bn254/v1"; recorded in exported chains.</summary>
    string Scheme { get; }

    bool Verify(AccuracyClaim claim);

    /// <summary>
    /// What the scheme can check of a block's aggregate from public data alone (an auditor has no model blobs): null
    /// when the header's model commitment is consistent with the included claims, or when the scheme has nothing to
    /// check; otherwise why not.
    /// </summary>
    string? CheckAggregateCommitment(BlockHeader header, IReadOnlyList<AccuracyClaim> included) => null;
}
