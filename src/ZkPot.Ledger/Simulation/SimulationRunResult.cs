using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Simulation;

/// <summary>What one seeded run measured, plus the chain of its first honest node (for export and re-verification).</summary>
public sealed class SimulationRunResult
{
    public required int Seed { get; init; }
    public required IReadOnlyList<int> ByzantineNodes { get; init; }
    public required IReadOnlyList<ByzantineRole> Roles { get; init; }
    public required long HealAtMs { get; init; }
    public required long EndedAtMs { get; init; }

    /// <summary>Heights committed by every honest node (at most the requested rounds).</summary>
    public required int RoundsCommitted { get; init; }

    /// <summary>Sum over heights of (distinct blocks committed by honest nodes at that height - 1).</summary>
    public required int SafetyViolations { get; init; }

    /// <summary>Sum of the certificate views of the reference chain's blocks: view changes needed before each commit.</summary>
    public required int ViewChanges { get; init; }

    public required int ByzantineClaimsSubmitted { get; init; }

    /// <summary>Forged claims (bad proof, inflated, replayed) found in any honest node's committed blocks.</summary>
    public required int ByzantineClaimsAccepted { get; init; }

    public required int EvidenceRecorded { get; init; }

    public required IReadOnlyDictionary<ClaimRejection, int> ClaimRejections { get; init; }

    public required IReadOnlyList<Block> ReferenceChain { get; init; }
    public required ValidatorSet Validators { get; init; }
    public required StandInProofVerifier ProofVerifier { get; init; }

    /// <summary>genesis.json: what the genesis block commits to (validators, task, the stand-in scheme and its master key).</summary>
    public required byte[] GenesisRecord { get; init; }
}
