using ZkPot.Evaluation.Run;
using ZkPot.Evaluation.Systems;

namespace ZkPot.Evaluation;

/// <summary>Everything an evaluation measured: its settings, the ZKPoT calibration, the proof-of-work difficulty, every run, and the wall time.</summary>
public sealed record EvaluationResult(EvaluationSettings Settings, ZkpotCalibration Calibration, double HashRate, int PowBits, double PowRoundSeconds,
                                      IReadOnlyList<RunResult> Runs, double TotalSeconds, string Machine)
{
    public RunResult? Find(string system, string attack, string split) =>
        Runs.FirstOrDefault(r => r.System == system && r.Attack == attack && r.Split == split);
}
