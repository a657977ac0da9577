namespace ZkPot.Grains;

/// <summary>How the coordinator asks for one round: who takes part, how long claims are collected, and the validators.</summary>
[GenerateSerializer, Alias("zkpot.round-plan")]
public sealed class RoundPlan
{
    [Id(0)] public long Round { get; set; }
    [Id(1)] public List<NodeKeys> Participants { get; set; } = [];
    [Id(2)] public TimeSpan ClaimDeadline { get; set; } = TimeSpan.FromMinutes(5);
    [Id(4)] public TaskSpec Task { get; set; } = new();
    /// <summary>Most views to try before giving the round up.</summary>
    [Id(5)] public int MaxViews { get; set; } = 12;
}
