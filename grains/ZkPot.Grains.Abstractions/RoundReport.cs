namespace ZkPot.Grains;

/// <summary>The outcome of one round: the committed block, its leader, the claims accepted and rejected, accuracies and timings.</summary>
[GenerateSerializer, Alias("zkpot.round-report")]
public sealed class RoundReport
{
    [Id(0)] public long Round { get; set; }
    [Id(1)] public bool Committed { get; set; }
    [Id(2)] public string BlockHash { get; set; } = "";
    [Id(3)] public string Leader { get; set; } = "";
    [Id(4)] public int LeaderCorrect { get; set; }
    [Id(5)] public int GlobalCorrect { get; set; }
    [Id(6)] public int TestSamples { get; set; }
    [Id(7)] public List<ClaimOutcome> Accepted { get; set; } = [];
    [Id(8)] public List<ClaimOutcome> Rejected { get; set; } = [];
    /// <summary>
    /// Byzantine members whose attack got into the committed block (a false claim, a poisoned update below half the best, a
    /// lying leader's block). Only the federation's watcher, which dealt the attacks, fills it; the relayed round has none.
    /// </summary>
    [Id(9)] public int ByzantineAccepted { get; set; }
    [Id(10)] public double ProveSecondsMax { get; set; }
    [Id(11)] public double VerifySecondsTotal { get; set; }
    [Id(12)] public int ProofsVerified { get; set; }
    /// <summary>Wall time of everything after the last claim arrived: verification, consensus, aggregation, commit.</summary>
    [Id(13)] public double ConsensusSeconds { get; set; }
    [Id(14)] public double TrainProveSeconds { get; set; }
    [Id(15)] public int View { get; set; }
    [Id(16)] public int Evidence { get; set; }
    /// <summary>Participants whose updates the leader averaged (their verified accuracy reached half the best).</summary>
    [Id(17)] public List<string> Aggregated { get; set; } = [];
    /// <summary>Why proposals were refused and which claims were rejected, when the round did not commit (first few).</summary>
    [Id(18)] public List<string> Problems { get; set; } = [];
    public double GlobalAccuracy => TestSamples == 0 ? 0 : (double)GlobalCorrect / TestSamples;
}
