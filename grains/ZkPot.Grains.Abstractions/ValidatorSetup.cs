namespace ZkPot.Grains;

/// <summary>A validator's configuration: task, identity seed, the fixed validator set and its behaviour in consensus.</summary>
[GenerateSerializer, Alias("zkpot.validator-setup")]
public sealed class ValidatorSetup
{
    [Id(0)] public TaskSpec Task { get; set; } = new();
    [Id(1)] public byte[] Seed { get; set; } = [];
    [Id(2)] public List<NodeKeys> Validators { get; set; } = [];
    [Id(3)] public AttackKind Attack { get; set; }
    [Id(4)] public string ZKeyCid { get; set; } = "";
}
