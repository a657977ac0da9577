namespace ZkPot.Learning;

/// <summary>A dishonest accuracy claim: the count of correct test-batch predictions a cheater reports, above the true count.</summary>
/// <remarks>A sound ZKPoT proof cannot back such a claim, so verifiers must reject it; this type produces the claims they are tested with.</remarks>
public readonly record struct InflatedAccuracyClaim
{
    private InflatedAccuracyClaim(int trueCorrect, int claimedCorrect, int batchSize)
    {
        TrueCorrect = trueCorrect;
        ClaimedCorrect = claimedCorrect;
        BatchSize = batchSize;
    }

    /// <summary>Correct predictions the model really makes on the batch.</summary>
    public int TrueCorrect { get; }

    /// <summary>Correct predictions claimed.</summary>
    public int ClaimedCorrect { get; }

    /// <summary>Samples in the public test batch.</summary>
    public int BatchSize { get; }

    /// <summary>How far the claim exceeds the truth.</summary>
    public int Inflation => ClaimedCorrect - TrueCorrect;

    /// <summary>
    /// Claims <paramref name="extra"/> more correct predictions than <paramref name="trueCorrect"/>, capped at the
    /// batch size so the claim stays plausible; throws when the true count leaves no room above it.
    /// </summary>
    public static InflatedAccuracyClaim Create(int trueCorrect, int batchSize, int extra)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegative(trueCorrect);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(trueCorrect, batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(extra);
        if (trueCorrect == batchSize)
        {
            throw new ArgumentException(
                $"Cannot inflate: the true count {trueCorrect} already equals the batch size {batchSize}.", nameof(trueCorrect));
        }
        int claimed = (int)Math.Min(batchSize, (long)trueCorrect + extra);
        return new InflatedAccuracyClaim(trueCorrect, claimed, batchSize);
    }
}
