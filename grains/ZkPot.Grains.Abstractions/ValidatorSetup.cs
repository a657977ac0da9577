namespace ZkPot.Grains;

/// <summary>A validator's configuration: task, the fixed validator set, the task's key and its clock. Its keys are its participant's (the member's key store).</summary>
[GenerateSerializer, Alias("zkpot.validator-setup")]
public sealed class ValidatorSetup
{
    [Id(0)] public TaskSpec Task { get; set; } = new();
    [Id(2)] public List<NodeKeys> Validators { get; set; } = [];
    [Id(4)] public string ZKeyCid { get; set; } = "";
    /// <summary>Wall-clock timing for a member on its own timers; null for the logical time of a relayed round.</summary>
    [Id(5)] public ConsensusTiming? Timing { get; set; }
}
