using ZkPot.Circuits;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Services;

/// <summary>
/// What a leading validator puts in its block: the sum of the included openings. A member's own process decides which
/// implementation it runs; an honest member runs <see cref="HonestAggregateMaker"/>, an adversary its own code.
/// </summary>
public interface IAggregateMaker
{
    AggregateResult? Make(IContentStore store, TaskContext task, BlockHeader tip, NodeId leader, IReadOnlyList<AccuracyClaim> ranked,
                          IReadOnlyDictionary<NodeId, ModelOpening> openings);
}

/// <summary>The honest sum (<see cref="CommittedAggregate.Make"/>).</summary>
public sealed class HonestAggregateMaker : IAggregateMaker
{
    public AggregateResult? Make(IContentStore store, TaskContext task, BlockHeader tip, NodeId leader, IReadOnlyList<AccuracyClaim> ranked,
                                 IReadOnlyDictionary<NodeId, ModelOpening> openings) =>
        CommittedAggregate.Make(store, task, tip, leader, ranked, openings);
}
