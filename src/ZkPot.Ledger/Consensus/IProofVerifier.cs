using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>Checks a claim's proof against its public inputs (task, round, participant, weights commitment, correct count, samples); the Groth16 verifier is plugged in here.</summary>
public interface IProofVerifier
{
    /// <summary>Names the proof system and key, e.g. "groth16-bn254/v1"; recorded in exported chains.</summary>
    string Scheme { get; }

    bool Verify(AccuracyClaim claim);
}
