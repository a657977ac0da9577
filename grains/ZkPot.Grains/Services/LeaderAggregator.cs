using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Grains.Services;

/// <summary>The consensus node's aggregator: hands out the aggregate its validator grain prepared (asynchronously) before the node could propose.</summary>
/// <remarks>Unprepared (a view it was not expected to lead), it re-proposes the previous global model; validators refuse that when it falls short, and the view moves on.</remarks>
public sealed class LeaderAggregator(int testSamples) : IAggregator
{
    readonly Dictionary<long, AggregateResult> _prepared = [];

    public bool IsPrepared(long round) => _prepared.ContainsKey(round);

    public void Prepare(long round, AggregateResult result) => _prepared[round] = result;

    public AggregateResult Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> acceptedClaims) =>
        _prepared.TryGetValue(round, out var result)
            ? result
            : new AggregateResult(previous.ModelCid, previous.ModelCommitment, previous.GlobalCorrect, testSamples);
}
