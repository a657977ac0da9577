namespace ZkPot.Learning.Tests;

public class FloatCnnTests
{
    private static readonly CnnShape Tiny = new(2, 3, 8, 6);

    [Fact]
    public void Gradient_matches_finite_differences_in_every_layer()
    {
        var model = FloatCnn.Create(Tiny, seed: 1);
        byte[] image = SyntheticData.RandomImage(new Random(2));

        int significant = GradientCheck.AssertMatches(model, image, label: 7, probes: 400, seed: 3);

        Assert.True(significant > 40, $"only {significant} probed parameters had a non-trivial gradient");
    }

    [Fact]
    public void Parameter_count_matches_the_layer_widths()
    {
        var shape = CnnShape.LeNet;
        int expected = 6 * 25 + 6 + 16 * 6 * 25 + 16 + 256 * 120 + 120 + 120 * 84 + 84 + 84 * 10 + 10;

        Assert.Equal(expected, shape.ParameterCount);
        Assert.Equal(expected, FloatCnn.Create(shape).ParameterCount);
    }

    [Fact]
    public void Training_with_the_same_seed_gives_bit_identical_weights()
    {
        Dataset data = SyntheticData.Create(100, seed: 4);
        var options = new SgdOptions { Seed = 5, BatchSize = 10 };

        float[] first = SgdTrainer.Train(FloatCnn.Create(Tiny, seed: 6), data, options).Model.Parameters;
        float[] second = SgdTrainer.Train(FloatCnn.Create(Tiny, seed: 6), data, options).Model.Parameters;

        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Training_learns_a_separable_synthetic_task()
    {
        Dataset data = SyntheticData.Create(600, seed: 7);

        TrainingResult result = SgdTrainer.Train(
            FloatCnn.Create(CnnShape.Small, seed: 8), data, new SgdOptions { Seed = 9, Epochs = 2, LearningRate = 0.02f });

        Assert.True(result.Model.Accuracy(data) > 0.9, $"accuracy {result.Model.Accuracy(data):P1}");
    }

    [Fact]
    public void Constructor_rejects_non_positive_widths_and_wrong_parameter_count()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FloatCnn.Create(new CnnShape(0, 3, 8, 6)));
        Assert.Throws<ArgumentException>(() => new FloatCnn(Tiny, new float[Tiny.ParameterCount - 1]));
    }
}
