using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ZkPot.Evaluation.Rules;
using ZkPot.Evaluation.Systems;
using ZkPot.Grains;
using ZkPot.Grains.Services;
using ZkPot.Learning;

namespace ZkPot.Evaluation;

/// <summary>
/// What every run of an evaluation shares: the data, the ZKPoT task (public batch and fixed-point format, as
/// <see cref="TaskContext"/> derives them for simulate), the proof calibration, the proof-of-work difficulty, the
/// shards of each split, and the non-members of the membership-inference attack.
/// </summary>
public sealed class EvaluationContext
{
    readonly ConcurrentDictionary<string, int[][]> _shards = new();

    EvaluationContext(EvaluationSettings settings, TrainTestSets data, TaskContext task)
    {
        Settings = settings;
        Data = data;
        Task = task;
        ModelBytes = sizeof(float) * FloatMlp.ParameterCountFor(settings.Hidden);
        var batch = TestBatch.SelectIndices(data.Test.Count, settings.TestSamples, settings.Seed).ToHashSet();
        var outside = Enumerable.Range(0, data.Test.Count).Where(i => !batch.Contains(i)).ToArray();
        new DeterministicRandom(settings.Seed ^ 0x6d6961).Shuffle(outside.AsSpan());
        NonMembers = data.Test.Subset(outside.AsSpan(0, Math.Min(settings.MembershipSamples, outside.Length)));
    }

    public EvaluationSettings Settings { get; }
    public TrainTestSets Data { get; }
    public TaskContext Task { get; }
    public Dataset PublicBatch => Task.TestBatch;
    /// <summary>Bytes of one float32 model.</summary>
    public int ModelBytes { get; }
    /// <summary>Test images outside the public batch, never trained on: the membership attack's non-members.</summary>
    public Dataset NonMembers { get; }
    public ZkpotCalibration Calibration { get; private set; } = null!;
    public double HashRate { get; private set; }
    public int PowBits { get; private set; }
    public double PowRoundSeconds => WorkLottery.ExpectedRoundSeconds(PowBits, HashRate, Settings.Participants);

    /// <summary>Loads the data, derives the task, calibrates ZKPoT's proofs and sets the proof-of-work difficulty to one proof's time.</summary>
    public static EvaluationContext Create(EvaluationSettings settings)
    {
        var spec = new TaskSpec
        {
            TaskId = SHA256.HashData(Encoding.UTF8.GetBytes($"zkpot-evaluate/v1/{settings.Seed}/{settings.Hidden}/{settings.TestSamples}/{settings.Participants}")),
            Hidden = settings.Hidden, TestSamples = settings.TestSamples, TestSeed = settings.Seed, DataSeed = settings.Seed,
            Participants = settings.Participants, TrainSamplesPerParticipant = settings.TrainSamples, LocalEpochs = settings.LocalEpochs,
            LearningRate = settings.LearningRate, DataDirectory = settings.DataDirectory,
        };
        var context = new EvaluationContext(settings, FashionMnist.Load(settings.DataDirectory), TaskContext.For(spec));
        var shard = context.Data.Train.Subset(context.Shards(DataSplit.Iid)[0]);
        var trained = (FloatMlp)SgdTrainer.Train(context.InitialModel(), shard, context.TrainingOptions(1, 0, settings.LocalEpochs)).Model;
        context.Calibration = ZkpotCalibration.Measure(context.Task, trained);
        context.HashRate = WorkLottery.MeasureHashRate();
        context.PowBits = WorkLottery.DifficultyBits(context.HashRate, settings.Participants, context.Calibration.ProveWallSeconds);
        return context;
    }

    /// <summary>The model every system starts from: the task's initial model (ZKPoT starts from its int8 form, as its genesis does).</summary>
    public FloatMlp InitialModel() => Task.InitialModel();

    /// <summary>Participant i's local training options in a round (the seed simulate uses).</summary>
    public SgdOptions TrainingOptions(long round, int participant, int epochs) =>
        new() { LearningRate = Settings.LearningRate, Epochs = epochs, Seed = round * 1_000_003 + participant };

    /// <summary>Each participant's training indices under <paramref name="split"/>.</summary>
    public int[][] Shards(DataSplit split) =>
        _shards.GetOrAdd(split.Name, _ => split.Shards(Data.Train, Settings.Participants, Settings.Seed, Settings.TrainSamples));

    /// <summary>
    /// A substituting leader's model: the global model trained on the public batch until it scores well there (the
    /// recipe of <see cref="ZkPot.Grains.Adversary.ByzantineLeaders.Substitute"/>).
    /// </summary>
    public FloatMlp Substitute(FloatMlp global) =>
        (FloatMlp)SgdTrainer.Train(global, PublicBatch, new SgdOptions { Epochs = 100, Seed = 1, LearningRate = 0.05f }).Model;
}
