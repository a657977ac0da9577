namespace ZkPot.Learning;

/// <summary>A data set's fixed training and test splits.</summary>
public sealed record TrainTestSets(Dataset Train, Dataset Test);
