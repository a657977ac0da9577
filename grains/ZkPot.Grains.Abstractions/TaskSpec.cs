namespace ZkPot.Grains;

/// <summary>What the task publisher fixes for a federated-learning task: model shape, public test batch and the training schedule.</summary>
[GenerateSerializer, Alias("zkpot.task-spec")]
public sealed class TaskSpec
{
    /// <summary>32-byte task id; bound into every proof, claim and block.</summary>
    [Id(0)] public byte[] TaskId { get; set; } = new byte[32];
    [Id(1)] public int Hidden { get; set; } = 8;
    [Id(2)] public int TestSamples { get; set; } = 16;
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
