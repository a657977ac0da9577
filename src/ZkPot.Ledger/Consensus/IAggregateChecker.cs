using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>A validator's own check of a proposed aggregate against the included claims (<see cref="AggregationRule.Included"/>) of the block.</summary>
public interface IAggregateChecker
{
    /// <summary>Null when the aggregate is acceptable; otherwise why not.</summary>
    string? Check(BlockHeader previous, BlockHeader proposed, IReadOnlyList<AccuracyClaim> included);
}
