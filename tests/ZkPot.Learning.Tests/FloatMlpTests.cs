namespace ZkPot.Learning.Tests;

public class FloatMlpTests
{
    [Fact]
    public void Gradient_matches_finite_differences()
    {
        var model = FloatMlp.Create(hidden: 8, seed: 1);
        var random = new Random(2);
        for (int n = 0; n < model.B2.Length; n++)
        {
            model.B2[n] = (float)random.NextDouble();
        }
        byte[] image = SyntheticData.RandomImage(random);

        int significant = GradientCheck.AssertMatches(model, image, label: 4, probes: 300, seed: 3);

        Assert.True(significant > 50, $"only {significant} probed parameters had a non-trivial gradient");
    }

    [Fact]
    public void Parameter_views_follow_the_documented_flat_layout()
    {
        var model = FloatMlp.Create(hidden: 5, seed: 1);
        int w1 = 784 * 5;

        Assert.Equal(FloatMlp.ParameterCountFor(5), model.ParameterCount);
        Assert.Equal(w1 + 5 + 50 + 10, model.ParameterCount);
        model.Parameters[w1 + 2] = 42f;
        model.Parameters[w1 + 5 + 3 * 10 + 7] = -3f;
        Assert.Equal(42f, model.B1[2]);
        Assert.Equal(-3f, model.W2[3 * 10 + 7]);
    }

    [Fact]
    public void Predict_is_the_argmax_of_Logits()
    {
        var model = FloatMlp.Create(seed: 4);
        var random = new Random(5);
        var logits = new float[10];
        for (int n = 0; n < 20; n++)
        {
            byte[] image = SyntheticData.RandomImage(random);
            model.Logits(image, logits);
            int best = Array.IndexOf(logits, logits.Max());
            Assert.Equal(best, model.Predict(image));
        }
    }

    [Fact]
    public void Training_with_the_same_seed_gives_bit_identical_weights()
    {
        Dataset data = SyntheticData.Create(400, seed: 6);
        var initial = FloatMlp.Create(seed: 7);
        var options = new SgdOptions { Seed = 8, Epochs = 2, BatchSize = 16 };

        float[] first = SgdTrainer.Train(initial, data, options).Model.Parameters;
        float[] second = SgdTrainer.Train(FloatMlp.Create(seed: 7), data, options).Model.Parameters;
        float[] otherSeed = SgdTrainer.Train(initial, data, options with { Seed = 9 }).Model.Parameters;

        Assert.Equal(first.Select(BitConverter.SingleToInt32Bits), second.Select(BitConverter.SingleToInt32Bits));
        Assert.NotEqual(first, otherSeed);
    }

    [Fact]
    public void Training_leaves_the_initial_model_unchanged_and_lowers_the_loss()
    {
        Dataset data = SyntheticData.Create(500, seed: 10);
        var initial = FloatMlp.Create(seed: 11);
        float[] before = (float[])initial.Parameters.Clone();

        TrainingResult result = SgdTrainer.Train(initial, data, new SgdOptions { Seed = 12, Epochs = 3 });

        Assert.Equal(before, initial.Parameters);
        Assert.True(result.EpochLosses[2] < result.EpochLosses[0] * 0.5, string.Join(", ", result.EpochLosses));
        Assert.True(result.Model.Accuracy(data) > 0.9);
    }

    [Fact]
    public void Same_initial_seed_gives_the_same_model_and_another_seed_a_different_one()
    {
        Assert.Equal(FloatMlp.Create(seed: 3).Parameters, FloatMlp.Create(seed: 3).Parameters);
        Assert.NotEqual(FloatMlp.Create(seed: 3).Parameters, FloatMlp.Create(seed: 4).Parameters);
    }

    [Fact]
    public void Constructor_rejects_a_parameter_vector_of_the_wrong_length()
    {
        var e = Assert.Throws<ArgumentException>(() => new FloatMlp(32, new float[100]));
        Assert.Contains($"{FloatMlp.ParameterCountFor(32)} parameters; got 100", e.Message);
    }

    [Fact]
    public void Diverging_training_reports_the_epoch_and_learning_rate()
    {
        Dataset data = SyntheticData.Create(200, seed: 13);

        var e = Assert.Throws<InvalidOperationException>(() =>
            SgdTrainer.Train(FloatMlp.Create(seed: 14), data, new SgdOptions { LearningRate = 1e6f, Seed = 1 }));

        Assert.Contains("diverged in epoch 0", e.Message);
    }

    [Fact]
    public void Options_reject_unusable_values_naming_the_field()
    {
        Dataset data = SyntheticData.Create(10, seed: 15);
        var model = FloatMlp.Create(seed: 1);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(
            () => SgdTrainer.Train(model, data, new SgdOptions { BatchSize = 0 })).ParamName);
        Assert.Equal("Momentum", Assert.Throws<ArgumentOutOfRangeException>(
            () => SgdTrainer.Train(model, data, new SgdOptions { Momentum = 1f })).ParamName);
        Assert.Throws<ArgumentException>(() => SgdTrainer.Train(model, data.Take(0), new SgdOptions()));
    }
}
