using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Grains.Services;

/// <summary>The consensus node's aggregator: hands out the block content its validator grain prepared (asynchronously) before the node could propose.</summary>
/// <remarks>Unprepared (a view it was not expected to lead, or it is not among the included claims), it proposes nothing and the view moves on.</remarks>
public sealed class LeaderAggregator : IAggregator
{
    readonly Dictionary<long, AggregateResult?> _prepared = [];

    public bool IsPrepared(long round) => _prepared.ContainsKey(round);

    public void Prepare(long round, AggregateResult? result) => _prepared[round] = result;

    public AggregateResult? Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> rankedClaims) =>
        _prepared.GetValueOrDefault(round);
}
