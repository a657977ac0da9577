using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Consensus;

/// <summary>
/// The leader's block content: the claims the block carries (those whose updates the leader could open, at least its
/// own), where the aggregate is stored, its commitment and the new global model's accuracy on the public test batch.
/// </summary>
public readonly record struct AggregateResult(IReadOnlyList<AccuracyClaim> Claims, Cid ModelCid, Hash32 ModelCommitment, int GlobalCorrect, int GlobalSamples);
