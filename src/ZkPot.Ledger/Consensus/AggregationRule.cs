using ZkPot.Ledger.Chain;

namespace ZkPot.Ledger.Consensus;

/// <summary>
/// Which of a block's claims go into its aggregate: those whose verified count reaches half of the best count in the
/// block, rounded up. A function of the block alone, so the leader, every validator and an auditor replaying the chain
/// compute the same set; the leader must be one of them (docs/PROTOCOL.md, "Deterministic rules").
/// </summary>
public static class AggregationRule
{
    /// <summary>ceil(best / 2) over the claims' correct counts (0 for none).</summary>
    public static int Threshold(IEnumerable<AccuracyClaim> claims)
    {
        int best = claims.Select(c => c.CorrectCount).DefaultIfEmpty(0).Max();
        return (best + 1) / 2;
    }

    /// <summary>The included claims, in the order given (a block's: ascending participant).</summary>
    public static IReadOnlyList<AccuracyClaim> Included(IReadOnlyList<AccuracyClaim> claims)
    {
        int threshold = Threshold(claims);
        return claims.Where(c => c.CorrectCount >= threshold).ToList();
    }
}
