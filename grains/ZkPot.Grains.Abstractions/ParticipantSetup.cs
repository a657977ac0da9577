namespace ZkPot.Grains;

/// <summary>Everything a participant grain needs to start: its task and its shard index. Its keys are its own (the member's key store).</summary>
[GenerateSerializer, Alias("zkpot.participant-setup")]
public sealed class ParticipantSetup
{
    [Id(0)] public TaskSpec Task { get; set; } = new();
    [Id(1)] public int Shard { get; set; }
    /// <summary>Content id of the task's proving key (from the ceremony).</summary>
    [Id(4)] public string ZKeyCid { get; set; } = "";
}
