using ZkPot.Evaluation.Report;

namespace ZkPot.Evaluation.Tests;

/// <summary>A tiny end-to-end evaluation on Fashion-MNIST (scripts/test installs it): every system, two attacks, two splits.</summary>
public class EvaluatorTests
{
    [Fact]
    public void A_tiny_evaluation_runs_every_combination_and_writes_its_report()
    {
        var settings = new EvaluationSettings
        {
            Participants = 4, Byzantine = 1, Rounds = 2, Hidden = 2, TestSamples = 4, TrainSamples = 60, MembershipSamples = 40,
            Attacks = ["none", "forged-proof", "sign-flip"], Splits = [DataSplit.Iid, DataSplit.Dirichlet(0.5)],
        };
        var progress = new List<string>();
        var result = Evaluator.Run(settings, new InlineProgress(p => { lock (progress) progress.Add(p.Phase); }));

        Assert.Equal(7 * 3 * 2, result.Runs.Count);
        Assert.All(result.Runs, r => Assert.Equal(2, r.Rounds.Count));
        Assert.Contains("runs", progress);
        // The calibration's real checks: an honest claim and aggregate pass, every lie is refused.
        var accepted = result.Calibration.Accepted;
        Assert.True(accepted["honest"] && accepted["honest-aggregate"]);
        Assert.False(accepted["inflated-claim"] || accepted["forged-proof"] || accepted["replayed-proof"] || accepted["leader-substitute"]);
        // The forged claims never get in: ZKPoT's rounds leave the attacker out; FedAvg averages every update.
        var zkpot = result.Find("zkpot", "forged-proof", "iid")!;
        Assert.All(zkpot.Rounds, r => Assert.True(r.Committed));
        var signFlip = result.Find("fedavg", "sign-flip", "iid")!;
        Assert.All(signFlip.Rounds, r => Assert.Equal(1, r.ByzantineIncluded));
        Assert.NotNull(zkpot.LeaderMembership);

        string directory = Directory.CreateTempSubdirectory("zkpot-evaluate-test-").FullName;
        try
        {
            var figures = ReportWriter.Write(result, directory);
            Assert.True(File.Exists(Path.Combine(directory, ReportWriter.Page)));
            Assert.All(figures, f => Assert.True(File.Exists(Path.Combine(directory, f.Id + ".png"))));
        }
        finally { Directory.Delete(directory, recursive: true); }
    }

    sealed class InlineProgress(Action<ZkPot.Grains.Simulation.SimulationProgress> report) : IProgress<ZkPot.Grains.Simulation.SimulationProgress>
    {
        public void Report(ZkPot.Grains.Simulation.SimulationProgress value) => report(value);
    }
}
