using Xunit.Abstractions;

namespace ZkPot.Learning.Tests;

[Collection(FashionMnistCollection.Name)]
public class QuantizedAccuracyTests(FashionMnistFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public void Int8_model_stays_within_one_point_of_the_float_model_on_the_full_test_set()
    {
        FloatMlp model = fixture.TrainedMlp;
        QuantizedMlp quantized = QuantizedMlp.Quantize(model, fixture.Data.Train.Take(1000));

        double floatAccuracy = model.Accuracy(fixture.Data.Test);
        double intAccuracy = quantized.Accuracy(fixture.Data.Test);

        output.WriteLine($"float {floatAccuracy:P2}, int8 {intAccuracy:P2}, M1 {quantized.M1}");
        Assert.True(floatAccuracy > 0.75, $"float model under-trained: {floatAccuracy:P2}");
        Assert.InRange(intAccuracy - floatAccuracy, -0.01, 0.01);
    }

    [Fact]
    public void CountCorrect_on_a_public_test_batch_is_the_number_of_matching_predictions()
    {
        Dataset batch = TestBatch.Select(fixture.Data.Test, 64, seed: 2024);
        QuantizedMlp quantized = QuantizedMlp.Quantize(fixture.TrainedMlp, fixture.Data.Train.Take(500));

        int k = quantized.CountCorrect(batch);

        int expected = Enumerable.Range(0, batch.Count)
            .Count(s => QuantizedMlpReference.Evaluate(quantized, batch.Image(s).ToArray()).Prediction == batch.Label(s));
        Assert.Equal(expected, k);
        Assert.InRange(k, 40, 64);
    }
}
