using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Consensus;

/// <summary>The leader's new global model: where it is stored, its commitment and its accuracy on the public test batch.</summary>
public readonly record struct AggregateResult(Cid ModelCid, Hash32 ModelCommitment, int GlobalCorrect, int GlobalSamples);
