namespace ZkPot.Learning.Tests;

public class FedAvgTests
{
    [Fact]
    public void Aggregate_weights_each_update_by_its_sample_count()
    {
        float[] result = FedAvg.Aggregate([new ModelUpdate(new float[] { 1, 2, -4 }, 1), new ModelUpdate(new float[] { 5, 10, 4 }, 3)]);

        // (1*1 + 3*5)/4 = 4, (1*2 + 3*10)/4 = 8, (1*-4 + 3*4)/4 = 2
        Assert.Equal(new float[] { 4, 8, 2 }, result);
    }

    [Fact]
    public void Aggregate_of_equal_counts_is_the_plain_mean_and_of_one_update_is_that_update()
    {
        var random = new Random(1);
        float[][] vectors = Enumerable.Range(0, 3)
            .Select(_ => Enumerable.Range(0, 50).Select(_ => (float)random.NextDouble()).ToArray()).ToArray();

        float[] mean = FedAvg.Aggregate(vectors.Select(v => new ModelUpdate(v, 7)).ToArray());
        float[] single = FedAvg.Aggregate([new ModelUpdate(vectors[0], 123)]);

        for (int i = 0; i < 50; i++)
        {
            Assert.Equal((vectors[0][i] + (double)vectors[1][i] + vectors[2][i]) / 3, mean[i], 6);
        }
        Assert.Equal(vectors[0], single);
    }

    [Fact]
    public void Aggregate_is_reproducible_bit_for_bit()
    {
        var random = new Random(2);
        ModelUpdate[] updates = Enumerable.Range(0, 5)
            .Select(u => new ModelUpdate(Enumerable.Range(0, 1000).Select(_ => (float)random.NextDouble()).ToArray(), 100 + u))
            .ToArray();

        Assert.Equal(FedAvg.Aggregate(updates), FedAvg.Aggregate(updates));
    }

    [Fact]
    public void Aggregate_rejects_bad_updates_and_leaves_the_destination_untouched()
    {
        float[] destination = [9, 9];
        ModelUpdate good = new(new float[] { 1, 2 }, 5);

        var length = Assert.Throws<ArgumentException>(() => FedAvg.Aggregate([good, new ModelUpdate(new float[] { 1 }, 5)], destination));
        var count = Assert.Throws<ArgumentException>(() => FedAvg.Aggregate([good, new ModelUpdate(new float[] { 1, 2 }, 0)], destination));
        var nan = Assert.Throws<ArgumentException>(() => FedAvg.Aggregate([good, new ModelUpdate(new float[] { 1, float.NaN }, 5)], destination));
        Assert.Throws<ArgumentException>(() => FedAvg.Aggregate([]));

        Assert.Contains("Update 1 has 1 parameters; expected 2", length.Message);
        Assert.Contains("Update 1 has sample count 0", count.Message);
        Assert.Contains("non-finite parameter NaN at index 1", nan.Message);
        Assert.Equal(new float[] { 9, 9 }, destination);
    }

    [Fact]
    public void Averaging_many_honest_models_with_one_scaled_attacker_moves_the_result_toward_the_attack()
    {
        float[] global = [0, 0];
        float[] honest = [1, 1];
        float[] attack = UpdateAttacks.ScaledSignFlip(global, honest, scale: 10);

        float[] result = FedAvg.Aggregate([new ModelUpdate(honest, 100), new ModelUpdate(honest, 100), new ModelUpdate(attack, 100)]);

        // (1 + 1 - 10) / 3: one boosted attacker outweighs two honest participants.
        Assert.Equal(-8f / 3, result[0], 5);
    }
}
