namespace ZkPot.Grains.State;

/// <summary>A round's persisted outcome; set once the block is on the chain.</summary>
[GenerateSerializer, Alias("zkpot.round-state")]
public sealed class RoundState
{
    [Id(0)] public RoundReport? Report { get; set; }
}
