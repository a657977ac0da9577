namespace ZkPot.Learning.Tests;

[Collection(FashionMnistCollection.Name)]
public class RealDataTests(FashionMnistFixture fixture)
{
    [Fact]
    public void Installed_fashion_mnist_has_balanced_60000_train_and_10000_test_samples()
    {
        Assert.Equal(60_000, fixture.Data.Train.Count);
        Assert.Equal(10_000, fixture.Data.Test.Count);
        Assert.All(fixture.Data.Train.ClassCounts(), count => Assert.Equal(6_000, count));
        Assert.All(fixture.Data.Test.ClassCounts(), count => Assert.Equal(1_000, count));
    }

    [Fact]
    public void Mlp_trained_one_epoch_on_a_6000_sample_shard_is_far_above_chance()
    {
        Dataset shard = Partitioner.Iid(fixture.Data.Train, 10, seed: 1)[0];
        IFloatModel model = SgdTrainer.Train(FloatMlp.Create(seed: 2), shard, new SgdOptions { Seed = 3 }).Model;

        double accuracy = model.Accuracy(fixture.Data.Test.Take(2000));

        Assert.True(accuracy > 0.70, $"accuracy {accuracy:P2}");
    }

    [Fact]
    public void Small_cnn_trained_on_3000_samples_is_far_above_chance()
    {
        IFloatModel model = SgdTrainer.Train(
            FloatCnn.Create(CnnShape.Small, seed: 4), fixture.Data.Train.Take(3000),
            new SgdOptions { Seed = 5, LearningRate = 0.02f }).Model;

        double accuracy = model.Accuracy(fixture.Data.Test.Take(1000));

        Assert.True(accuracy > 0.55, $"accuracy {accuracy:P2}");
    }

    [Fact]
    public void Label_flipping_participant_produces_a_much_worse_model_than_an_honest_one()
    {
        Dataset shard = fixture.Data.Train.Take(3000);
        var global = FloatMlp.Create(seed: 6);
        var options = new SgdOptions { Seed = 7 };
        Dataset test = fixture.Data.Test.Take(1000);

        double honest = global.WithParameters(new HonestBehaviour().LocalUpdate(global, shard, options)).Accuracy(test);
        double flipped = global.WithParameters(new LabelFlipBehaviour().LocalUpdate(global, shard, options)).Accuracy(test);

        Assert.True(honest > 0.6, $"honest {honest:P2}");
        Assert.True(flipped < 0.2, $"flipped {flipped:P2}");
    }
}
