namespace ZkPot.Learning;

/// <summary>Hyper-parameters of mini-batch SGD with momentum; the seed fixes the sample order, so equal options give equal weights.</summary>
public sealed record SgdOptions
{
    /// <summary>Step size.</summary>
    public float LearningRate { get; init; } = 0.01f;

    /// <summary>Heavy-ball momentum coefficient in [0, 1).</summary>
    public float Momentum { get; init; } = 0.9f;

    /// <summary>Samples per step; the last step of an epoch takes the remainder.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Passes over the data.</summary>
    public int Epochs { get; init; } = 1;

    /// <summary>L2 penalty coefficient added to the gradient (0 = none).</summary>
    public float WeightDecay { get; init; }

    /// <summary>Seed of the per-epoch shuffles.</summary>
    public long Seed { get; init; }

    /// <summary>Throws with the offending field's name unless every value is usable.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || float.IsInfinity(LearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "Learning rate must be positive and finite.");
        }
        if (!(Momentum >= 0 && Momentum < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1).");
        }
        if (BatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "Batch size must be positive.");
        }
        if (Epochs <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epoch count must be positive.");
        }
        if (!(WeightDecay >= 0) || float.IsInfinity(WeightDecay))
        {
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "Weight decay must be non-negative and finite.");
        }
    }
}
