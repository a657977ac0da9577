namespace ZkPot.Learning;

/// <summary>A trained model and the mean training loss of each epoch.</summary>
public sealed record TrainingResult(IFloatModel Model, IReadOnlyList<double> EpochLosses);
