namespace ZkPot.Grains;

/// <summary>What one validator's consensus step produced: messages to relay, blocks committed, claim verdicts, rejected proposals.</summary>
[GenerateSerializer, Alias("zkpot.validator-step")]
public sealed class ValidatorStep
{
    [Id(0)] public List<WireMessage> Messages { get; set; } = [];
    /// <summary>Committed blocks (canonical encoding with certificate), in height order.</summary>
    [Id(1)] public List<byte[]> Committed { get; set; } = [];
    [Id(2)] public List<ClaimOutcome> Verdicts { get; set; } = [];
    [Id(3)] public List<string> RejectedProposals { get; set; } = [];
    [Id(4)] public long Height { get; set; }
    [Id(5)] public int View { get; set; }
    [Id(6)] public double VerifySeconds { get; set; }
    [Id(7)] public int ProofsVerified { get; set; }
}
