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
                          IReadOnlyDictionary<NodeId, ModelOpening> openings, AttackKind setupAttack);
}

/// <summary>
/// The honest sum (<see cref="CommittedAggregate.Make"/>). The relayed single-cluster simulation still names its leader
/// attacks in the validator's setup; a member never does (its setup's attack is None).
/// </summary>
public sealed class HonestAggregateMaker : IAggregateMaker
{
    public AggregateResult? Make(IContentStore store, TaskContext task, BlockHeader tip, NodeId leader, IReadOnlyList<AccuracyClaim> ranked,
                                 IReadOnlyDictionary<NodeId, ModelOpening> openings, AttackKind setupAttack) => setupAttack switch
    {
        AttackKind.LeaderSubstitute or AttackKind.NoiseLeader =>
            ByzantineLeaders.Substitute(store, task, tip, GlobalModel.LoadSum(store, task, tip.ModelCid), ranked, openings, leader),
        AttackKind.LeaderDrop => ByzantineLeaders.Drop(store, task, tip, ranked, openings, leader),
        _ => CommittedAggregate.Make(store, task, tip, leader, ranked, openings),
    };
}
