namespace ZkPot.Grains.State;

/// <summary>A member's persisted setup, so that a restarted member resumes the task on its own.</summary>
[GenerateSerializer, Alias("zkpot.member-state")]
public sealed class MemberState
{
    [Id(0)] public MemberSetup? Setup { get; set; }
}
