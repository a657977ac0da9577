using Xunit.Abstractions;

namespace ZkPot.Learning.Tests;

[Collection(FashionMnistCollection.Name)]
[Trait("Category", "Slow")]
public class CentralTrainingTests(FashionMnistFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Central_mlp_reaches_85_percent_and_its_int8_model_stays_within_one_point()
    {
        var model = (FloatMlp)SgdTrainer.Train(
            FloatMlp.Create(FloatMlp.DefaultHidden, seed: 1), fixture.Data.Train,
            new SgdOptions { Epochs = 10, Seed = 2 }).Model;
        QuantizedMlp quantized = QuantizedMlp.Quantize(model, fixture.Data.Train.Take(1000));

        double floatAccuracy = model.Accuracy(fixture.Data.Test);
        double intAccuracy = quantized.Accuracy(fixture.Data.Test);

        output.WriteLine($"central MLP-{model.Hidden}, 10 epochs: float {floatAccuracy:P2}, int8 {intAccuracy:P2}");
        Assert.True(floatAccuracy >= 0.85, $"float {floatAccuracy:P2}");
        Assert.InRange(intAccuracy - floatAccuracy, -0.01, 0.01);
    }
}
