using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>What nodes send each other; every variant carries its own signatures, so the transport needs no authentication.</summary>
public abstract record ConsensusMessage;

/// <summary>A participant's accuracy claim for a round.</summary>
public sealed record ClaimMessage(AccuracyClaim Claim) : ConsensusMessage;

/// <summary>A leader's proposal (also relayed once by each node that receives it).</summary>
public sealed record ProposalMessage(Proposal Proposal) : ConsensusMessage;

/// <summary>A prevote or precommit.</summary>
public sealed record VoteMessage(Vote Vote) : ConsensusMessage;

/// <summary>A committed block with its quorum certificate, so a node that missed the votes catches up.</summary>
public sealed record DecisionMessage(Block Block) : ConsensusMessage;

/// <summary>
/// A node that sees others at later heights asks for the committed blocks from <paramref name="FromHeight"/> on; a node
/// that has them sends them to <paramref name="Requester"/> as decisions, each checked by its certificate. Unsigned:
/// it asks for public data, and the answer is bounded (a few blocks, once per requester per view timeout).
/// </summary>
public sealed record SyncRequestMessage(NodeId Requester, long FromHeight) : ConsensusMessage;
