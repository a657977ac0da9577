namespace ZkPot.Grains.State;

/// <summary>The persisted chain: every committed block's canonical encoding, genesis first, and the genesis record it commits to.</summary>
[GenerateSerializer, Alias("zkpot.chain-state")]
public sealed class ChainGrainState
{
    [Id(0)] public List<byte[]> Blocks { get; set; } = [];
    [Id(1)] public byte[] GenesisRecord { get; set; } = [];
}
