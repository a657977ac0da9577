using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>
/// Which of a block's claims go into its aggregate: those whose verified count reaches the threshold
/// min(best, max(ceil(best / 2), previous - slack)), where best is the best count in the block, previous the previous
/// global model's count on the same public batch (the chain's tip) and slack = max(2, ceil(samples / 8)) allows for the
/// batch's sampling noise. An update that leaves a model clearly worse than the one it started from (a scaled
/// sign flip of a good update keeps more than half the best count, but falls below the previous model's) stays out;
/// the best claim is always in. A function of the block and the chain alone, so the leader, every validator and an
/// auditor replaying the chain compute the same set; the leader must be one of them (docs/PROTOCOL.md, §10).
/// </summary>
public static class AggregationRule
{
    /// <summary>The threshold for claims of a block built on <paramref name="previous"/>.</summary>
    public static int Threshold(IEnumerable<AccuracyClaim> claims, BlockHeader previous)
    {
        int best = claims.Select(c => c.CorrectCount).DefaultIfEmpty(0).Max();
        int slack = Math.Max(2, (previous.GlobalSamples + 7) / 8);
        return Math.Min(best, Math.Max((best + 1) / 2, previous.GlobalCorrect - slack));
    }

    /// <summary>The included claims, in the order given (a block's: ascending participant).</summary>
    public static IReadOnlyList<AccuracyClaim> Included(IReadOnlyList<AccuracyClaim> claims, BlockHeader previous)
    {
        int threshold = Threshold(claims, previous);
        return claims.Where(c => c.CorrectCount >= threshold).ToList();
    }

    /// <summary>
    /// The claims an honest <paramref name="leader"/> puts in its block: all of them when it is included, else as few
    /// left out as it takes (first the claims above twice its count, then all above its own, after which it is the best
    /// and always included); null when it has no claim among them. The claims left out belong to the earlier views
    /// their owners lead. The claims keep the order given.
    /// </summary>
    public static List<AccuracyClaim>? ForLeader(IEnumerable<AccuracyClaim> claims, NodeId leader, BlockHeader previous)
    {
        var all = claims.ToList();
        if (all.FirstOrDefault(c => c.Participant == leader) is not { } own) return null;
        foreach (long cap in new[] { long.MaxValue, 2L * own.CorrectCount, own.CorrectCount })
        {
            var kept = all.Where(c => c.CorrectCount <= cap).ToList();
            if (Included(kept, previous).Any(c => c.Participant == leader)) return kept;
        }
        return null;
    }
}
