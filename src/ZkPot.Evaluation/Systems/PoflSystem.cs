using ZkPot.Grains;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Systems;

/// <summary>
/// A learning consensus in the style of PoFL (Qu, Wang, Xu, Vasilakos, IEEE TPDS 2021) and PoLe (Lan, Liu, Li, Ge, Wang,
/// 2021): every participant sends its full model to every validator; validators evaluate each model on the public
/// batch themselves, so no claim is trusted; the most accurate model wins the round and becomes the global model (ties:
/// the lowest index). A validator accepts the winner's block when the model in it scores at least the winning score on
/// its own evaluation, which is all a re-evaluating validator can check: a leader that swaps in a model tuned on the
/// public batch passes.
/// </summary>
sealed class PoflSystem(EvaluationContext context) : IEvaluatedSystem
{
    FloatMlp _global = context.InitialModel();

    public FloatMlp TrainingStart => _global;

    public RoundOutcome Round(long round, IReadOnlyList<Submission> submissions)
    {
        if (submissions.Count == 0) return new(false, 0, 0, 0, 0, 0);
        int hidden = context.Settings.Hidden;
        var (counts, evaluateCpu) = Run.ThreadCpu.Measure(() =>
            submissions.Select(s => new FloatMlp(hidden, s.Parameters).CountCorrect(context.PublicBatch)).ToArray());
        int winner = Array.IndexOf(counts, counts.Max());
        var leader = submissions[winner];
        var proposed = leader.Attack == AttackKind.LeaderSubstitute ? context.Substitute(_global) : new FloatMlp(hidden, leader.Parameters);
        var (accepted, checkCpu) = Run.ThreadCpu.Measure(() => proposed.CountCorrect(context.PublicBatch) >= counts[winner]);
        int n = context.Settings.Participants;
        double bytes = context.ModelBytes * (n - 1);
        if (!accepted) return new(false, 0, evaluateCpu + checkCpu, 0, bytes, 1);
        _global = proposed;
        return new(true, leader.Poisoned || leader.Attack == AttackKind.LeaderSubstitute ? 1 : 0, evaluateCpu + checkCpu, 0, bytes, 0);
    }

    public double TestAccuracy(Dataset test) => _global.Accuracy(test);

    public IFloatModel ValidatorView(Submission submission) => new FloatMlp(context.Settings.Hidden, submission.Parameters);
}
