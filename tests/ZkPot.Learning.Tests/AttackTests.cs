namespace ZkPot.Learning.Tests;

public class AttackTests
{
    [Fact]
    public void LabelFlip_maps_every_label_y_to_9_minus_y_and_keeps_images()
    {
        Dataset data = SyntheticData.Create(50, seed: 1);

        Dataset flipped = LabelFlip.Apply(data);

        for (int n = 0; n < data.Count; n++)
        {
            Assert.Equal(9 - data.Label(n), flipped.Label(n));
            Assert.True(data.Image(n).SequenceEqual(flipped.Image(n)));
        }
    }

    [Fact]
    public void LabelFlip_rejects_a_mapping_that_is_not_a_permutation()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelFlip.Apply(SyntheticData.Create(5, 1), [0, 1, 2, 3, 4, 5, 6, 7, 8, 8]));
        Assert.Contains("entry 9 is 8", e.Message);
        Assert.Throws<ArgumentException>(() => new LabelFlipBehaviour([0, 1, 2]));
    }

    [Fact]
    public void ScaledSignFlip_submits_global_minus_k_times_the_honest_step()
    {
        float[] global = [1, -2, 0.5f];
        float[] local = [1.5f, -2.25f, 0.5f];

        float[] flipped = UpdateAttacks.ScaledSignFlip(global, local, 1);
        float[] boosted = UpdateAttacks.ScaledSignFlip(global, local, 4);

        Assert.Equal(new float[] { 0.5f, -1.75f, 0.5f }, flipped);
        Assert.Equal(new float[] { -1f, -1f, 0.5f }, boosted);
        Assert.Throws<ArgumentException>(() => UpdateAttacks.ScaledSignFlip(global, [1f], 1));
    }

    [Fact]
    public void GaussianNoise_perturbs_every_parameter_with_the_given_spread_reproducibly()
    {
        float[] global = new float[20_000];
        Array.Fill(global, 3f);

        float[] noisy = UpdateAttacks.GaussianNoise(global, sigma: 0.5f, seed: 2);

        double[] deltas = noisy.Select(v => v - 3.0).ToArray();
        double std = Math.Sqrt(deltas.Select(d => d * d).Average());
        Assert.InRange(std, 0.49, 0.51);
        Assert.InRange(deltas.Average(), -0.02, 0.02);
        Assert.Equal(noisy, UpdateAttacks.GaussianNoise(global, 0.5f, seed: 2));
        Assert.NotEqual(noisy, UpdateAttacks.GaussianNoise(global, 0.5f, seed: 3));
    }

    [Fact]
    public void FreeRide_returns_a_copy_of_the_global_model()
    {
        float[] global = [1, 2, 3];

        float[] update = UpdateAttacks.FreeRide(global);
        update[0] = 100;

        Assert.Equal(new float[] { 1, 2, 3 }, global);
    }

    [Fact]
    public void InflatedAccuracyClaim_claims_more_than_the_truth_capped_at_the_batch()
    {
        InflatedAccuracyClaim claim = InflatedAccuracyClaim.Create(trueCorrect: 40, batchSize: 64, extra: 10);
        InflatedAccuracyClaim capped = InflatedAccuracyClaim.Create(trueCorrect: 60, batchSize: 64, extra: 10);

        Assert.Equal(50, claim.ClaimedCorrect);
        Assert.Equal(10, claim.Inflation);
        Assert.Equal(64, capped.ClaimedCorrect);
        Assert.Equal(4, capped.Inflation);
        Assert.Throws<ArgumentException>(() => InflatedAccuracyClaim.Create(64, 64, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => InflatedAccuracyClaim.Create(10, 64, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => InflatedAccuracyClaim.Create(65, 64, 1));
    }

    [Fact]
    public void Behaviours_change_what_they_should_and_leave_the_global_model_alone()
    {
        Dataset shard = SyntheticData.Create(300, seed: 4);
        var global = FloatMlp.Create(seed: 5);
        float[] before = (float[])global.Parameters.Clone();
        var options = new SgdOptions { Seed = 6, Epochs = 4 };

        float[] honest = new HonestBehaviour().LocalUpdate(global, shard, options);
        float[] flippedLabels = new LabelFlipBehaviour().LocalUpdate(global, shard, options);
        float[] signFlip = new SignFlipBehaviour(2).LocalUpdate(global, shard, options);
        float[] noise = new GaussianNoiseBehaviour(0.1f).LocalUpdate(global, shard, options);
        float[] freeRider = new FreeRiderBehaviour().LocalUpdate(global, shard, options);

        Assert.Equal(before, global.Parameters);
        Assert.NotEqual(before, honest);
        Assert.NotEqual(honest, flippedLabels);
        Assert.Equal(SgdTrainer.Train(global, LabelFlip.Apply(shard), options).Model.Parameters, flippedLabels);
        Assert.Equal(UpdateAttacks.ScaledSignFlip(before, honest, 2), signFlip);
        Assert.Equal(UpdateAttacks.GaussianNoise(before, 0.1f, options.Seed), noise);
        Assert.Equal(before, freeRider);
        double honestAccuracy = global.WithParameters(honest).Accuracy(shard);
        double flippedAccuracy = global.WithParameters(flippedLabels).Accuracy(shard);
        Assert.True(honestAccuracy > 0.9, $"honest {honestAccuracy:P1}");
        Assert.True(flippedAccuracy < 0.1, $"label-flipped {flippedAccuracy:P1}");
        Assert.Equal(
            ["honest", "label-flip", "sign-flip", "gaussian-noise", "free-rider"],
            new IParticipantBehaviour[]
            {
                new HonestBehaviour(), new LabelFlipBehaviour(), new SignFlipBehaviour(), new GaussianNoiseBehaviour(1), new FreeRiderBehaviour(),
            }.Select(b => b.Name));
    }
}
