using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>Produces the round's aggregate (FedAvg of the accepted updates lives in the learning layer); called by the leader only.</summary>
public interface IAggregator
{
    AggregateResult Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> acceptedClaims);
}
