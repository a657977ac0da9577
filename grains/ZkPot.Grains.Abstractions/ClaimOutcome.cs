namespace ZkPot.Grains;

/// <summary>One participant's claim verdict in a round: accepted (Reason "None") or rejected and why.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.claim-outcome")]
public sealed class ClaimOutcome
{
    [Id(0)] public string Participant { get; set; } = "";
    [Id(1)] public string Reason { get; set; } = "None";
    [Id(2)] public int Correct { get; set; }
    /// <summary>Where the claim's proof was made: a silo name, or "external:HOST" for a participant outside the cluster.</summary>
    [Id(3)] public string ProvedOn { get; set; } = "";
}
