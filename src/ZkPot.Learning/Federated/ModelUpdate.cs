namespace ZkPot.Learning;

/// <summary>One participant's contribution to a round: its local parameter vector and the number of samples it trained on.</summary>
public readonly record struct ModelUpdate(ReadOnlyMemory<float> Parameters, long SampleCount);
