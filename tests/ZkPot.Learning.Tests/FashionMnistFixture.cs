namespace ZkPot.Learning.Tests;

/// <summary>Loads the installed Fashion-MNIST once for every test that needs real data, and trains one shared MLP.</summary>
public sealed class FashionMnistFixture
{
    private readonly Lazy<FloatMlp> _trainedMlp;

    public FashionMnistFixture()
    {
        Data = FashionMnist.Load();
        _trainedMlp = new Lazy<FloatMlp>(() => (FloatMlp)SgdTrainer.Train(
            FloatMlp.Create(32, seed: 11), Data.Train, new SgdOptions { Epochs = 1, Seed = 5 }).Model);
    }

    public TrainTestSets Data { get; }

    /// <summary>An MLP trained for one epoch on the full training set (about a second); callers must not mutate it.</summary>
    public FloatMlp TrainedMlp => _trainedMlp.Value;
}

[CollectionDefinition(Name)]
public sealed class FashionMnistCollection : ICollectionFixture<FashionMnistFixture>
{
    public const string Name = "Fashion-MNIST";
}
