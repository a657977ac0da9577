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

/// <summary>
/// The loss-threshold attack on one view, with two kinds of non-members: unseen test images (what the view leaks about
/// the federation's training data, which the public global model leaks in every system) and the other participants'
/// training images (what it tells about this participant's data beyond the federation's).
/// </summary>
public sealed record ViewPrivacy(MembershipAdvantage AgainstUnseen, MembershipAdvantage AgainstOthers);

/// <summary>One system under one attack on one data split: its rounds, and the membership inference on what its validators saw in the last round (for ZKPoT also on what the leader saw).</summary>
public sealed record RunResult(string System, string Attack, string Split, IReadOnlyList<RoundMetrics> Rounds,
                               ViewPrivacy Membership, ViewPrivacy? LeaderMembership)
{
    public double FinalAccuracy => Rounds[^1].Accuracy;
}
