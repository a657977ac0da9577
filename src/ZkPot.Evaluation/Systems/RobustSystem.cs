using ZkPot.Evaluation.Rules;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Systems;

/// <summary>
/// A server aggregating with a Byzantine-robust rule and no proofs: coordinate-wise median, trimmed mean (f trimmed from
/// each end) or Krum (f assumed Byzantine), see <see cref="RobustAggregation"/>. Each participant uploads its model once.
/// </summary>
sealed class RobustSystem(EvaluationContext context, SystemKind kind) : IEvaluatedSystem
{
    FloatMlp _global = context.InitialModel();

    public FloatMlp TrainingStart => _global;

    public RoundOutcome Round(long round, IReadOnlyList<Submission> submissions)
    {
        if (submissions.Count == 0) return new(false, 0, 0, 0, 0, 0);
        int f = context.Settings.Byzantine;
        var updates = submissions.Select(s => s.Parameters).ToList();
        int? byzantine = null;
        var (aggregate, cpu) = Run.ThreadCpu.Measure(() =>
        {
            switch (kind)
            {
                case SystemKind.Median: return RobustAggregation.CoordinateMedian(updates);
                case SystemKind.TrimmedMean: return RobustAggregation.TrimmedMean(updates, Math.Min(f, (updates.Count - 1) / 2));
                default:
                    int chosen = RobustAggregation.Krum(updates, f);
                    byzantine = submissions[chosen].Poisoned ? 1 : 0;
                    return updates[chosen];
            }
        });
        _global = new FloatMlp(context.Settings.Hidden, aggregate);
        return new(true, byzantine, cpu, 0, context.ModelBytes, 0);
    }

    public double TestAccuracy(Dataset test) => _global.Accuracy(test);

    public IFloatModel ValidatorView(Submission submission) => new FloatMlp(context.Settings.Hidden, submission.Parameters);
}
