using System.CommandLine;
using ZkPot.Cli.Output;
using ZkPot.Evaluation;
using ZkPot.Evaluation.Report;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot evaluate --report DIR [options]`: runs ZKPoT and the baselines (FedAvg, median, trimmed mean, Krum,
/// PoFL-style, proof-of-work) on the same data, seeds and attacks, and writes the report folder (index.html, figures as
/// PNG, SVG and JSON, results.json); docs/EVALUATION.md says what each figure is. Exit 0, or 2 for bad options.
/// </summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var participants = Options.Int("--participants", "participants", 10, 2, 100);
        var byzantine = Options.Int("--byzantine", "Byzantine participants among them", 3, 0, 99);
        var rounds = Options.Int("--rounds", "rounds per run", 10, 1, 1000);
        var hidden = Options.Int("--hidden", "hidden units of the model", 8, 1, 64);
        var testSamples = Options.Int("--test-samples", "public test batch the proofs are about", ZkPot.Grains.TaskSpec.DefaultTestSamples, 1, 256);
        var trainSamples = Options.Int("--train-samples", "training samples per participant", 1000, 10, 60000);
        var epochs = Options.Int("--epochs", "local epochs per round", 1, 1, 100);
        var seed = Options.Int("--seed", "seed of the data split and training", 1, 0, int.MaxValue);
        var membership = Options.Int("--membership-samples", "members and non-members the membership-inference attack scores", 500, 10, 5000);
        var parallel = Options.Int("--parallel", "runs at once", Environment.ProcessorCount, 1, 256);
        var systems = Options.OptionalText("--systems", $"systems, comma-separated: {string.Join(", ", SystemNames.ByName.Keys)}", "all", "S1,S2");
        var attacks = Options.OptionalText("--attacks", $"attacks, comma-separated: {string.Join(", ", EvaluationSettings.SupportedAttacks)}", "all", "A1,A2");
        var splits = Options.OptionalText("--splits", "data splits, comma-separated: iid, dir-ALPHA", "iid, dir-0.1, dir-0.5, dir-1.0", "S1,S2");
        var report = Options.RequiredText("--report", "folder the report is written to", "DIR");
        var command = new Command("evaluate", "ZKPoT against FedAvg, robust aggregation, PoFL-style and proof-of-work on the same data and attacks, with an HTML report")
        {
            participants, byzantine, rounds, hidden, testSamples, trainSamples, epochs, seed, membership, parallel, systems, attacks, splits, report,
        };
        command.SetAction(p =>
        {
            var settings = new EvaluationSettings
            {
                Participants = p.GetValue(participants), Byzantine = p.GetValue(byzantine), Rounds = p.GetValue(rounds), Hidden = p.GetValue(hidden),
                TestSamples = p.GetValue(testSamples), TrainSamples = p.GetValue(trainSamples), LocalEpochs = p.GetValue(epochs), Seed = p.GetValue(seed),
                MembershipSamples = p.GetValue(membership), Parallelism = p.GetValue(parallel),
                Systems = List(p.GetValue(systems), "systems", Enum.GetValues<SystemKind>(), name =>
                    SystemNames.ByName.TryGetValue(name, out var kind) ? kind
                        : throw new UsageException($"--systems: '{name}' is not one of {string.Join(", ", SystemNames.ByName.Keys)}")),
                Attacks = List(p.GetValue(attacks), "attacks", EvaluationSettings.SupportedAttacks, name => name),
                Splits = List(p.GetValue(splits), "splits", DataSplit.Defaults, DataSplit.Parse),
            };
            return Run(settings, p.GetValue(report)!, p.Output());
        });
        return command;
    }

    static int Run(EvaluationSettings settings, string report, TextWriter stdout)
    {
        if (settings.Byzantine >= settings.Participants)
            throw new UsageException($"--byzantine {settings.Byzantine} must be smaller than --participants {settings.Participants}");
        settings.Validate();
        EvaluationResult result;
        using (var live = new LiveProgress(stdout, Terminal.Of(stdout))) result = Evaluator.Run(settings, live);
        var figures = ReportWriter.Write(result, report);
        stdout.WriteLine($"{result.Runs.Count} runs in {result.TotalSeconds:F0} s; report with {figures.Count} figures: {Path.Combine(report, ReportWriter.Page)}");
        return 0;
    }

    static IReadOnlyList<T> List<T>(string? text, string option, IReadOnlyList<T> fallback, Func<string, T> parse)
    {
        if (text is null) return fallback;
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
        return items.Count > 0 ? items : throw new UsageException($"--{option} names nothing");
    }
}
