namespace ZkPot.Grains;

/// <summary>A participant's signed claim for a round (canonical AccuracyClaim bytes) with how long training and proving took.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.claim-submission")]
public sealed class ClaimSubmission
{
    [Id(0)] public string Participant { get; set; } = "";
    [Id(1)] public long Round { get; set; }
    [Id(2)] public byte[] Claim { get; set; } = [];
    [Id(3)] public double TrainSeconds { get; set; }
    [Id(4)] public double ProveSeconds { get; set; }
    [Id(5)] public string ProverSilo { get; set; } = "";
    [Id(6)] public string ProverEngine { get; set; } = "";
}
