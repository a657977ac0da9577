using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>Everything one step of a <see cref="ConsensusNode"/> produced: messages to broadcast and what happened.</summary>
public sealed class NodeOutput
{
    public List<ConsensusMessage> Broadcast { get; } = [];

    /// <summary>Messages for one node only (answers to a block-sync request).</summary>
    public List<(NodeId To, ConsensusMessage Message)> Direct { get; } = [];

    /// <summary>Blocks committed in this step, with their certificates, in height order.</summary>
    public List<Block> Committed { get; } = [];

    public List<ClaimVerdict> Claims { get; } = [];

    /// <summary>Equivocation newly detected in this step.</summary>
    public List<EquivocationEvidence> Evidence { get; } = [];

    /// <summary>Proposals this node prevoted nil on, with the reason.</summary>
    public List<string> RejectedProposals { get; } = [];

    /// <summary>Heights entered in this step (the host starts training and proving for each).</summary>
    public List<long> EnteredHeights { get; } = [];
}
