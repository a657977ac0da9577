namespace ZkPot.Grains;

/// <summary>A verifier's verdict on a claim: the rejection name (None when accepted) and the time it took.</summary>
[GenerateSerializer, Immutable, Alias("zkpot.verify-outcome")]
public sealed class VerifyOutcome
{
    [Id(0)] public string Rejection { get; set; } = "None";
    [Id(1)] public double Seconds { get; set; }
    public bool Accepted => Rejection == "None";
}
