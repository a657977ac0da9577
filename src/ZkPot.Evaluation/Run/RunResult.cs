using ZkPot.Evaluation.Privacy;

namespace ZkPot.Evaluation.Run;

/// <summary>
/// One round of one run: global accuracy on the full test set, whether it committed, Byzantine lies in the model
/// (null: not defined for the rule), bytes one participant sent (mean), CPU seconds per participant (mean, training and
/// proof or puzzle) and per validator, the modelled time to commit (slowest participant, then one validator's checks;
/// no network), and views taken.
/// </summary>
public sealed record RoundMetrics(int Round, double Accuracy, bool Committed, int? ByzantineIncluded, double BytesPerParticipant,
                                  double ParticipantCpuSeconds, double ValidatorCpuSeconds, double CommitSeconds, int Views);

/// <summary>One system under one attack on one data split: its rounds, and the membership-inference advantage on what its validators saw in the last round (for ZKPoT also on what the leader saw).</summary>
public sealed record RunResult(string System, string Attack, string Split, IReadOnlyList<RoundMetrics> Rounds,
                               MembershipAdvantage Membership, MembershipAdvantage? LeaderMembership)
{
    public double FinalAccuracy => Rounds[^1].Accuracy;
}
