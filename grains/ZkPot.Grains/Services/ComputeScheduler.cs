using System.Collections.Concurrent;

namespace ZkPot.Grains.Services;

/// <summary>
/// Dedicated threads for CPU-bound work (proving, setup, training, aggregation). Orleans runs messages, membership
/// probes and timers on the .NET thread pool; a prover's parallel loops on that pool starve it for seconds on a small
/// machine, and peers then declare the silo dead. Work started here keeps its parallel loops here too (Parallel.For uses
/// the current scheduler), so the pool stays free and the operating system shares the cores between both.
/// </summary>
public sealed class ComputeScheduler : TaskScheduler
{
    [ThreadStatic] static bool _isComputeThread;

    readonly BlockingCollection<Task> _queue = [];
    readonly int _threads;

    ComputeScheduler(int threads)
    {
        _threads = threads;
        for (int i = 0; i < threads; i++)
            new Thread(Work) { IsBackground = true, Name = $"zkpot-compute-{i}", Priority = ThreadPriority.BelowNormal }.Start();
    }

    /// <summary>One per process, with one thread per core.</summary>
    public static ComputeScheduler Shared { get; } = new(Environment.ProcessorCount);

    public override int MaximumConcurrencyLevel => _threads;

    /// <summary>Runs <paramref name="work"/> on the compute threads.</summary>
    public static Task<T> Run<T>(Func<T> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, Shared);

    void Work()
    {
        _isComputeThread = true;
        foreach (var task in _queue.GetConsumingEnumerable()) TryExecuteTask(task);
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Only compute threads run queued work inline; a pool thread waiting on compute work must not do it itself.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _isComputeThread && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();
}
