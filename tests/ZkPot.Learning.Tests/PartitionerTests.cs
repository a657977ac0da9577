namespace ZkPot.Learning.Tests;

public class PartitionerTests
{
    private static byte[] BalancedLabels(int count) =>
        Enumerable.Range(0, count).Select(n => (byte)(n % 10)).ToArray();

    private static void AssertCoversEachIndexOnce(int[][] shards, int count)
    {
        var seen = new int[count];
        foreach (int[] shard in shards)
        {
            foreach (int index in shard)
            {
                seen[index]++;
            }
        }
        Assert.All(seen, times => Assert.Equal(1, times));
    }

    [Theory]
    [InlineData(1000, 7)]
    [InlineData(10, 10)]
    [InlineData(5, 8)]
    public void Iid_assigns_every_sample_to_exactly_one_participant_with_sizes_within_one(int count, int participants)
    {
        int[][] shards = Partitioner.IidIndices(count, participants, seed: 3);

        Assert.Equal(participants, shards.Length);
        AssertCoversEachIndexOnce(shards, count);
        Assert.InRange(shards.Max(s => s.Length) - shards.Min(s => s.Length), 0, 1);
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(100.0)]
    public void Dirichlet_assigns_every_sample_to_exactly_one_participant(double alpha)
    {
        byte[] labels = BalancedLabels(5000);

        int[][] shards = Partitioner.DirichletIndices(labels, 12, alpha, seed: 4);

        Assert.Equal(12, shards.Length);
        AssertCoversEachIndexOnce(shards, labels.Length);
    }

    [Fact]
    public void Dirichlet_label_skew_grows_as_alpha_shrinks()
    {
        byte[] labels = BalancedLabels(20_000);
        double[] skews = new[] { 100.0, 1.0, 0.1 }.Select(alpha => MeanDistanceFromGlobal(labels, alpha)).ToArray();

        Assert.True(skews[0] < skews[1], $"alpha 100 skew {skews[0]:F3} vs alpha 1 skew {skews[1]:F3}");
        Assert.True(skews[1] < skews[2], $"alpha 1 skew {skews[1]:F3} vs alpha 0.1 skew {skews[2]:F3}");
        Assert.True(skews[0] < 0.05, $"alpha 100 should be near IID, skew {skews[0]:F3}");
        Assert.True(skews[2] > 0.5, $"alpha 0.1 should be far from IID, skew {skews[2]:F3}");
    }

    /// <summary>Mean total-variation distance between each non-empty shard's label histogram and the uniform one.</summary>
    private static double MeanDistanceFromGlobal(byte[] labels, double alpha)
    {
        int[][] shards = Partitioner.DirichletIndices(labels, 10, alpha, seed: 5);
        var distances = new List<double>();
        foreach (int[] shard in shards.Where(s => s.Length > 0))
        {
            var histogram = new double[10];
            foreach (int index in shard)
            {
                histogram[labels[index]] += 1.0 / shard.Length;
            }
            distances.Add(0.5 * histogram.Sum(p => Math.Abs(p - 0.1)));
        }
        return distances.Average();
    }

    [Fact]
    public void Same_seed_gives_the_same_split_and_another_seed_a_different_one()
    {
        byte[] labels = BalancedLabels(2000);

        Assert.Equal(Partitioner.DirichletIndices(labels, 5, 0.5, 9), Partitioner.DirichletIndices(labels, 5, 0.5, 9));
        Assert.NotEqual(Partitioner.DirichletIndices(labels, 5, 0.5, 9), Partitioner.DirichletIndices(labels, 5, 0.5, 10));
        Assert.Equal(Partitioner.IidIndices(2000, 5, 9), Partitioner.IidIndices(2000, 5, 9));
        Assert.NotEqual(Partitioner.IidIndices(2000, 5, 9), Partitioner.IidIndices(2000, 5, 10));
    }

    [Fact]
    public void Dataset_shards_hold_the_samples_of_their_indices()
    {
        Dataset data = SyntheticData.Create(200, seed: 6);
        int[][] indices = Partitioner.DirichletIndices(data.Labels, 4, 0.3, seed: 7);

        Dataset[] shards = Partitioner.Dirichlet(data, 4, 0.3, seed: 7);

        for (int p = 0; p < 4; p++)
        {
            Assert.Equal(indices[p].Length, shards[p].Count);
            for (int k = 0; k < indices[p].Length; k++)
            {
                Assert.Equal(data.Label(indices[p][k]), shards[p].Label(k));
                Assert.True(data.Image(indices[p][k]).SequenceEqual(shards[p].Image(k)));
            }
        }
    }

    [Fact]
    public void Invalid_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioner.IidIndices(10, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioner.DirichletIndices(BalancedLabels(10), 3, 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioner.DirichletIndices(BalancedLabels(10), 3, double.NaN, 1));
        var e = Assert.Throws<ArgumentException>(() => Partitioner.DirichletIndices([1, 2, 11], 3, 1.0, 1));
        Assert.Contains("Label 2 is 11", e.Message);
    }
}
