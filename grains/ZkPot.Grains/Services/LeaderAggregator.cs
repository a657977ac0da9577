using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;

namespace ZkPot.Grains.Services;

/// <summary>The consensus node's aggregator: hands out the block content its validator grain prepared (asynchronously) before the node could propose.</summary>
/// <remarks>
/// Unprepared (a view it was not expected to lead, or it is not among the included claims), it proposes nothing and the
/// view moves on. Content is prepared from the claims ranked at the time; once the ranked claims differ (claims that
/// came late, from across a healed partition, or a participant disqualified since) it is stale and is prepared again:
/// content made from fewer claims than a quorum would otherwise keep this leader from ever proposing at that height.
/// </remarks>
public sealed class LeaderAggregator : IAggregator
{
    readonly Dictionary<long, (AggregateResult? Result, HashSet<Hash32> Basis)> _prepared = [];

    /// <summary>True when the round's content was prepared from exactly the claims ranked now.</summary>
    public bool IsPreparedFor(long round, IReadOnlyList<AccuracyClaim> ranked) =>
        _prepared.TryGetValue(round, out var prepared) && prepared.Basis.SetEquals(ranked.Select(c => c.Id));

    public void Prepare(long round, AggregateResult? result, IEnumerable<AccuracyClaim> basis)
    {
        _prepared[round] = (result, basis.Select(c => c.Id).ToHashSet());
        foreach (long old in _prepared.Keys.Where(r => r < round - 2).ToList()) _prepared.Remove(old);
    }

    public AggregateResult? Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> rankedClaims) =>
        _prepared.TryGetValue(round, out var prepared) ? prepared.Result : null;
}
