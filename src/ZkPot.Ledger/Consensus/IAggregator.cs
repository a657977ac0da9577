using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>Produces the round's block content as its leader: which claims go in and the aggregate of the included ones (<see cref="AggregationRule"/>).</summary>
public interface IAggregator
{
    /// <summary>The block content from the verified claims, best first; null when the leader cannot make one (it then proposes nothing).</summary>
    AggregateResult? Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> rankedClaims);
}
