using ZkPot.Evaluation.Rules;
using ZkPot.Grains;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Systems;

/// <summary>
/// A proof-of-work leader lottery (<see cref="WorkLottery"/>) over plain FedAvg: participants broadcast their updates
/// (the winner is not known in advance), everyone mines, the first to solve the puzzle aggregates every update and
/// publishes the model, and a block is valid when its puzzle is (nobody checks the model). A Byzantine winner under
/// leader-substitute publishes a model of its own.
/// </summary>
sealed class PowSystem(EvaluationContext context, string attack, long seed) : IEvaluatedSystem
{
    FloatMlp _global = context.InitialModel();
    readonly DeterministicRandom _random = new(seed);

    public FloatMlp TrainingStart => _global;

    public RoundOutcome Round(long round, IReadOnlyList<Submission> submissions)
    {
        int n = context.Settings.Participants;
        var (winner, seconds) = WorkLottery.Draw(_random, n, context.PowBits, context.HashRate);
        double bytes = context.ModelBytes * (n - 1) * (1 + 1.0 / n);
        if (context.Settings.AttackOf(winner, attack) == AttackKind.LeaderSubstitute)
        {
            _global = context.Substitute(_global);
            return new(true, 1, 0, seconds, bytes, 0);
        }
        if (submissions.Count == 0) return new(false, 0, 0, seconds, bytes, 0);
        var (mean, cpu) = Run.ThreadCpu.Measure(() => FedAvgSystem.Mean(submissions));
        _global = new FloatMlp(context.Settings.Hidden, mean);
        return new(true, submissions.Count(s => s.Poisoned), cpu, seconds, bytes, 0);
    }

    public double TestAccuracy(Dataset test) => _global.Accuracy(test);

    public IFloatModel ValidatorView(Submission submission) => new FloatMlp(context.Settings.Hidden, submission.Parameters);
}
