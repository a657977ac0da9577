using ZkPot.Learning;

namespace ZkPot.Evaluation.Systems;

/// <summary>
/// Plain federated averaging (McMahan, Moore, Ramage, Hampson, Agüera y Arcas, AISTATS 2017): a server averages every
/// update weighted by its shard size, with no check of any kind. Each participant uploads its model once.
/// </summary>
sealed class FedAvgSystem(EvaluationContext context) : IEvaluatedSystem
{
    FloatMlp _global = context.InitialModel();

    public FloatMlp TrainingStart => _global;

    public RoundOutcome Round(long round, IReadOnlyList<Submission> submissions)
    {
        if (submissions.Count == 0) return new(false, 0, 0, 0, 0, 0);
        var (mean, cpu) = Run.ThreadCpu.Measure(() => Mean(submissions));
        _global = new FloatMlp(context.Settings.Hidden, mean);
        return new(true, submissions.Count(s => s.Poisoned), cpu, 0, context.ModelBytes, 0);
    }

    /// <summary>The sample-weighted mean of the submissions (the project's <see cref="FedAvg"/>).</summary>
    public static float[] Mean(IReadOnlyList<Submission> submissions) =>
        FedAvg.Aggregate(submissions.Select(s => new ModelUpdate(s.Parameters, s.Samples)).ToList());

    public double TestAccuracy(Dataset test) => _global.Accuracy(test);

    public IFloatModel ValidatorView(Submission submission) => new FloatMlp(context.Settings.Hidden, submission.Parameters);
}
