using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>The outcome of admitting one claim at one node.</summary>
public readonly record struct ClaimVerdict(Hash32 ClaimId, NodeId Participant, long Round, ClaimRejection Rejection);
