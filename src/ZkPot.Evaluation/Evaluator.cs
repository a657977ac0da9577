using System.Collections.Concurrent;
using System.Diagnostics;
using ZkPot.Evaluation.Run;
using ZkPot.Grains.Simulation;

namespace ZkPot.Evaluation;

/// <summary>Runs an evaluation: the shared set-up (data, task, proof calibration), then every system x attack x split, in parallel.</summary>
public static class Evaluator
{
    public static EvaluationResult Run(EvaluationSettings settings, IProgress<SimulationProgress>? progress = null)
    {
        settings.Validate();
        var clock = Stopwatch.StartNew();
        progress?.Report(new("setup", "data, task and one real proof of the task (development key)", 0, 1));
        var context = EvaluationContext.Create(settings);
        progress?.Report(new("setup", $"proof {context.Calibration.ProveWallSeconds:F2} s; proof-of-work difficulty {context.PowBits} bits", 1, 1));

        var jobs = (from split in settings.Splits from attack in settings.Attacks from system in settings.Systems select (system, attack, split)).ToList();
        var results = new ConcurrentDictionary<int, RunResult>();
        int done = 0;
        Parallel.For(0, jobs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Parallelism) }, j =>
        {
            var (system, attack, split) = jobs[j];
            var run = RunExecutor.Run(context, system, attack, split);
            results[j] = run;
            int now = Interlocked.Increment(ref done);
            progress?.Report(new("runs", $"{run.System} / {attack} / {split.Name}: final {run.FinalAccuracy:P1}", now, jobs.Count));
        });
        var runs = Enumerable.Range(0, jobs.Count).Select(j => results[j]).ToList();
        return new EvaluationResult(settings, context.Calibration, context.HashRate, context.PowBits, context.PowRoundSeconds, runs,
                                    clock.Elapsed.TotalSeconds, Machine());
    }

    static string Machine()
    {
        string cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";
        return $"{Environment.ProcessorCount} cores, {cpu}, {Environment.OSVersion}, .NET {Environment.Version}";
    }
}
