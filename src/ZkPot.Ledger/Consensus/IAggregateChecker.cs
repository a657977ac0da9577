using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>A validator's own check of a proposed aggregate: fetch the model, check its commitment, re-evaluate it on the public batch and compare with the accepted claims.</summary>
public interface IAggregateChecker
{
    /// <summary>Null when the aggregate is acceptable; otherwise why not.</summary>
    string? Check(BlockHeader previous, BlockHeader proposed, IReadOnlyList<AccuracyClaim> claims);
}
