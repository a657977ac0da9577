using System.Collections.Concurrent;
using ZkPot.Circuits;
using ZkPot.Learning;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>Everything derived from a task spec that is expensive and the same on every silo: data set, test batch, circuit, keys. Cached per process.</summary>
public sealed class TaskContext
{
    static readonly ConcurrentDictionary<string, Lazy<TrainTestSets>> Data = new();
    static readonly ConcurrentDictionary<string, Lazy<TaskContext>> Tasks = new();
    static readonly ConcurrentDictionary<string, Lazy<ZKey>> Keys = new();
    static readonly ConcurrentDictionary<string, Lazy<VerifyingKey>> VerifyingKeys = new();

    TaskContext(TaskSpec spec)
    {
        Spec = spec;
        var sets = Data.GetOrAdd(spec.DataDirectory ?? "", dir => new Lazy<TrainTestSets>(() => FashionMnist.Load(dir.Length == 0 ? null : dir))).Value;
        TestBatch = ZkPot.Learning.TestBatch.Select(sets.Test, spec.TestSamples, spec.TestSeed);
        Format = FixedPointFormat.For(InitialModel(), TestBatch);
        Task = new AccuracyTask(spec.TaskId, TestBatch, spec.Hidden, Format);
        Train = sets.Train;
        TaskId = new Hash32(spec.TaskId);
    }

    public static TaskContext For(TaskSpec spec) =>
        Tasks.GetOrAdd(Convert.ToHexStringLower(spec.TaskId) + "/" + spec.Hidden + "/" + spec.TestSamples + "/" + spec.TestSeed,
                       _ => new Lazy<TaskContext>(() => new TaskContext(spec))).Value;

    public TaskSpec Spec { get; }
    public Hash32 TaskId { get; }
    public Dataset TestBatch { get; }
    public Dataset Train { get; }
    public AccuracyTask Task { get; }

    /// <summary>The task's public fixed-point format, derived from its initial model and public batch (the same on every node).</summary>
    public FixedPointFormat Format { get; }

    /// <summary>The participant's private shard: an IID split of the training set by the task's data seed, capped in size.</summary>
    public Dataset Shard(int index)
    {
        var indices = ZkPot.Learning.Partitioner.IidIndices(Train.Count, Spec.Participants, Spec.DataSeed)[index];
        int take = Math.Min(indices.Length, Spec.TrainSamplesPerParticipant);
        return Train.Subset(indices.AsSpan(0, take));
    }

    /// <summary>The initial global model every participant starts round 1 from.</summary>
    public FloatMlp InitialModel() => FloatMlp.Create(Spec.Hidden, Spec.DataSeed);

    /// <summary>The proving key stored under <paramref name="cid"/> (read once per process).</summary>
    public static ZKey Key(IContentStore store, string cid) =>
        Keys.GetOrAdd(cid, c => new Lazy<ZKey>(() =>
        {
            using var stream = new MemoryStream(store.Get(Cid.Parse(c)));
            return ZKeyReader.Read(stream, "zkey " + c);
        })).Value;

    /// <summary>The verifying key of the proving key under <paramref name="cid"/>, checked once per process and reused by every verification.</summary>
    public static VerifyingKey VerifyingKey(IContentStore store, string cid) =>
        VerifyingKeys.GetOrAdd(cid, c => new Lazy<VerifyingKey>(() => AccuracyTask.VerifyingKeyOf(Key(store, c)))).Value;

    /// <summary>Quantizes a float model in the task's public format, so every participant's integers add up.</summary>
    public QuantizedMlp Quantize(FloatMlp model) => QuantizedMlp.Quantize(model, Format);

    /// <summary>The commitment key (bases F_j and sigma) of the proving key under <paramref name="cid"/>.</summary>
    public CommitmentVerifyingKey CommitmentKey(IContentStore store, string cid)
    {
        var key = VerifyingKey(store, cid).Commitment ?? throw new InvalidDataException($"key {cid} has no commitment key: not a commit-and-prove accuracy key");
        int expected = QuantizedMlp.CommittedCount(Spec.Hidden) + 1;
        return key.Count == expected ? key
            : throw new InvalidDataException($"key {cid} commits to {key.Count} wires, this task's model to {expected} (its values and the mask)");
    }
}
