namespace ZkPot.Grains;

/// <summary>What the task publisher fixes for a federated-learning task: model shape, public test batch and the training schedule.</summary>
[GenerateSerializer, Alias("zkpot.task-spec")]
public sealed class TaskSpec
{
    /// <summary>
    /// The public batch every command and setting defaults to. The inclusion rule compares proven counts on it, so its
    /// sampling noise decides what gets into the mean: a count over n samples varies by up to sqrt(n)/2, i.e. 12.5
    /// points of accuracy at 16 samples, as much as a scaled sign flip costs, and 6.25 points at 64. At the default
    /// model (784-8-10) 64 samples take 94,885 constraints, still in the 2^17 domain of 16 samples' 66,949: the
    /// witness and the proof cost about a third more CPU, not four times (docs/EVALUATION.md, "Public batch").
    /// </summary>
    public const int DefaultTestSamples = 64;

    /// <summary>32-byte task id; bound into every proof, claim and block.</summary>
    [Id(0)] public byte[] TaskId { get; set; } = new byte[32];
    [Id(1)] public int Hidden { get; set; } = 8;
    [Id(2)] public int TestSamples { get; set; } = DefaultTestSamples;
    /// <summary>Public seed that picks the test batch from the Fashion-MNIST test set.</summary>
    [Id(3)] public long TestSeed { get; set; } = 1;
    /// <summary>Seed of the data partition and of the initial model.</summary>
    [Id(4)] public long DataSeed { get; set; } = 1;
    [Id(5)] public int Participants { get; set; }
    [Id(6)] public int TrainSamplesPerParticipant { get; set; } = 1000;
    [Id(7)] public int LocalEpochs { get; set; } = 1;
    [Id(8)] public float LearningRate { get; set; } = 0.01f;
    /// <summary>Directory of the Fashion-MNIST IDX files; null for the Debian package's location.</summary>
    [Id(9)] public string? DataDirectory { get; set; }
}
