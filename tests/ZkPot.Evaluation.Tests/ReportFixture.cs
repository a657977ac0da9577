using ZkPot.Evaluation.Privacy;
using ZkPot.Evaluation.Report;
using ZkPot.Evaluation.Run;
using ZkPot.Evaluation.Systems;

namespace ZkPot.Evaluation.Tests;

/// <summary>A report written once from made-up results (no training): what the report and browser tests read.</summary>
public sealed class ReportFixture : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"zkpot-report-test-{Guid.NewGuid():N}");
    public EvaluationResult Result { get; }
    public IReadOnlyList<Figure> Figures { get; }

    public ReportFixture()
    {
        var settings = new EvaluationSettings
        {
            Participants = 4, Byzantine = 1, Rounds = 3, Attacks = ["none", "sign-flip"], Splits = [DataSplit.Iid, DataSplit.Dirichlet(0.5)],
        };
        var runs = new List<RunResult>();
        foreach (var split in settings.Splits)
            foreach (string attack in settings.Attacks)
                foreach (var system in settings.Systems)
                {
                    double level = 0.5 + 0.03 * (int)system - (attack == "none" ? 0 : 0.1);
                    var rounds = Enumerable.Range(1, 3).Select(r => new RoundMetrics(r, level + 0.05 * r, true, system == SystemKind.Median ? null : 0,
                        1000 * (1 + (int)system), 0.1 * r, 0.01, 0.2, 0)).ToList();
                    var view = new MembershipAdvantage(0.01 * (int)system, 0.5, 0.49, 0.06, 500, 500);
                    var privacy = new ViewPrivacy(view, view with { Advantage = 0.5 * view.Advantage });
                    runs.Add(new RunResult(SystemNames.NameOf(system), attack, split.Name, rounds, privacy,
                                           system == SystemKind.Zkpot ? new ViewPrivacy(view with { Advantage = 0.2 }, view with { Advantage = 0.1 }) : null));
                }
        var calibration = new ZkpotCalibration(1000, 1, 0.5, 0.4, 0.002, 0.01, 360, 13000, 26000,
            new Dictionary<string, bool> { ["honest"] = true, ["honest-aggregate"] = true, ["forged-proof"] = false });
        Result = new EvaluationResult(settings, calibration, 1e6, 20, 0.1, runs, 12.5, "test machine");
        Figures = ReportWriter.Write(Result, Directory);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
