namespace ZkPot.Grains.State;

/// <summary>A setup ceremony's progress: the task, the current key's content id, who contributed, and the verified final key.</summary>
[GenerateSerializer, Alias("zkpot.ceremony-state")]
public sealed class CeremonyState
{
    [Id(0)] public TaskSpec? Task { get; set; }
    [Id(1)] public string CurrentCid { get; set; } = "";
    [Id(2)] public List<string> Contributors { get; set; } = [];
    [Id(3)] public string FinalCid { get; set; } = "";
}
