namespace ZkPot.Grains.State;

/// <summary>A setup ceremony's progress: the plan, the phase, the current file, who was heard, the transcript so far, the result.</summary>
[GenerateSerializer, Alias("zkpot.ceremony-state")]
public sealed class CeremonyState
{
    [Id(0)] public CeremonyPlan? Plan { get; set; }
    /// <summary>1 or 2 while contributions are taken, 3 once finished.</summary>
    [Id(1)] public int Phase { get; set; }
    [Id(2)] public string CurrentCid { get; set; } = "";
    [Id(3)] public Dictionary<string, ContributionVerdict> Heard { get; set; } = [];
    /// <summary>CeremonyTranscript JSON.</summary>
    [Id(4)] public byte[] Transcript { get; set; } = [];
    [Id(5)] public string PreparedCid { get; set; } = "";
    [Id(6)] public CeremonyResult? Result { get; set; }
    [Id(7)] public string InitialCid { get; set; } = "";
}
