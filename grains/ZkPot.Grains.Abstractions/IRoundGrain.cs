namespace ZkPot.Grains;

/// <summary>One FL round (key: round number): open, collect claims until the deadline, drive the validators' consensus, commit to the chain.</summary>
public interface IRoundGrain : IGrainWithIntegerKey
{
    /// <summary>Runs the round to a committed block; a round already committed returns its stored report (idempotent).</summary>
    Task<RoundReport> Run(RoundPlan plan);

    /// <summary>True while this activation is running the round: a coordinator whose Run call outlived the round's silo asks, and runs it again when not.</summary>
    [AlwaysInterleave]
    Task<bool> IsRunning();

    /// <summary>Claims received so far this round (what any network observer sees), e.g. for a test watching the round.</summary>
    [AlwaysInterleave]
    Task<List<ClaimSubmission>> Observed();
}
