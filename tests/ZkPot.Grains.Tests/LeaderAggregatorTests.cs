using ZkPot.Grains.Services;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Tests;

/// <summary>
/// A leader's prepared block content goes stale when the claims it ranks change: content made from the two claims one
/// side of a partition saw can never reach a quorum, so once the other side's claims arrive it must be made again
/// (FaultyLinkTests shows the stall this caused at the federation's level).
/// </summary>
public sealed class LeaderAggregatorTests
{
    static AccuracyClaim Claim(int who, int correct) =>
        AccuracyClaim.Create(new Hash32(new byte[32]), 1, NodeIdentity.FromSeed(Enumerable.Repeat((byte)(who + 1), NodeIdentity.SeedSize).ToArray()),
                             new Hash32(new byte[32]), correct, 16, [1]);

    [Fact]
    public void Content_prepared_from_fewer_claims_than_are_ranked_now_is_stale()
    {
        var claims = Enumerable.Range(0, 4).Select(i => Claim(i, 10 + i)).ToList();
        var aggregator = new LeaderAggregator();
        var seen = claims.Take(2).ToList();
        var twoClaims = new AggregateResult(seen, Cid.Of([1]), new Hash32(new byte[32]), 5, 16);
        aggregator.Prepare(1, twoClaims, seen);

        Assert.True(aggregator.IsPreparedFor(1, seen));
        Assert.False(aggregator.IsPreparedFor(1, claims));
        Assert.False(aggregator.IsPreparedFor(1, claims.Take(1).ToList()));
        Assert.False(aggregator.IsPreparedFor(2, seen));
        Assert.Equal(twoClaims, aggregator.Aggregate(default!, 1, claims));

        aggregator.Prepare(1, null, claims);
        Assert.True(aggregator.IsPreparedFor(1, claims));
        Assert.Null(aggregator.Aggregate(default!, 1, claims));
    }
}
