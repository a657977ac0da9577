using Spectre.Console;
using ZkPot.Evaluation;
using ZkPot.Evaluation.Report;
using ZkPot.Grains.Simulation;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot evaluate [--participants N] [--byzantine F] [--rounds R] [--hidden H] [--test-samples B] [--train-samples T]
/// [--epochs E] [--seed S] [--systems zkpot,fedavg,...] [--attacks none,label-flip,...] [--splits iid,dir-0.5,...]
/// [--membership-samples M] [--parallel P] --report DIR`: runs ZKPoT and the baselines (FedAvg, median, trimmed mean,
/// Krum, PoFL-style, proof-of-work) on the same data, seeds and attacks, and writes the report folder (index.html,
/// figures as PNG, SVG and JSON, results.json); docs/EVALUATION.md says what each figure is. Exit 0, or 2 for bad options.
/// </summary>
public static class EvaluateCommand
{
    public static int Run(Args args, TextWriter stdout)
    {
        var settings = new EvaluationSettings
        {
            Participants = args.Int("participants", 10, 2, 100),
            Byzantine = args.Int("byzantine", 3, 0, 99),
            Rounds = args.Int("rounds", 10, 1, 1000),
            Hidden = args.Int("hidden", 8, 1, 64),
            TestSamples = args.Int("test-samples", 16, 1, 256),
            TrainSamples = args.Int("train-samples", 1000, 10, 60000),
            LocalEpochs = args.Int("epochs", 1, 1, 100),
            Seed = args.Int("seed", 1, 0, int.MaxValue),
            MembershipSamples = args.Int("membership-samples", 500, 10, 5000),
            Parallelism = args.Int("parallel", Environment.ProcessorCount, 1, 256),
            Systems = List(args, "systems", Enum.GetValues<SystemKind>(), name =>
                SystemNames.ByName.TryGetValue(name, out var kind) ? kind
                    : throw new UsageException($"--systems: '{name}' is not one of {string.Join(", ", SystemNames.ByName.Keys)}")),
            Attacks = List(args, "attacks", EvaluationSettings.SupportedAttacks, name => name),
            Splits = List(args, "splits", DataSplit.Defaults, DataSplit.Parse),
        };
        string report = args.Required("report");
        args.RejectUnknown();
        if (settings.Byzantine >= settings.Participants)
            throw new UsageException($"--byzantine {settings.Byzantine} must be smaller than --participants {settings.Participants}");
        settings.Validate();

        EvaluationResult? result = null;
        AnsiConsole.Progress().AutoClear(false).Start(ctx =>
        {
            var tasks = new Dictionary<string, ProgressTask>();
            var progress = new Progress<SimulationProgress>(p =>
            {
                if (!tasks.TryGetValue(p.Phase, out var task)) tasks[p.Phase] = task = ctx.AddTask(Markup.Escape(p.Phase), maxValue: Math.Max(1, p.Total));
                task.Description = Markup.Escape($"{p.Phase}: {p.Message}");
                task.Value = p.Done;
            });
            result = Evaluator.Run(settings, progress);
        });
        var figures = ReportWriter.Write(result!, report);
        stdout.WriteLine($"{result!.Runs.Count} runs in {result.TotalSeconds:F0} s; report with {figures.Count} figures: {Path.Combine(report, ReportWriter.Page)}");
        return 0;
    }

    static IReadOnlyList<T> List<T>(Args args, string option, IReadOnlyList<T> fallback, Func<string, T> parse)
    {
        string? text = args.Optional(option);
        if (text is null) return fallback;
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToList();
        return items.Count > 0 ? items : throw new UsageException($"--{option} names nothing");
    }
}
