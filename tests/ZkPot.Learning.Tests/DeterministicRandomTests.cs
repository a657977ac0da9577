namespace ZkPot.Learning.Tests;

public class DeterministicRandomTests
{
    [Fact]
    public void Same_seed_gives_the_same_stream_and_different_seeds_differ()
    {
        var a = new DeterministicRandom(42);
        var b = new DeterministicRandom(42);
        var c = new DeterministicRandom(43);
        ulong[] first = Enumerable.Range(0, 16).Select(_ => a.NextUInt64()).ToArray();
        ulong[] second = Enumerable.Range(0, 16).Select(_ => b.NextUInt64()).ToArray();
        ulong[] third = Enumerable.Range(0, 16).Select(_ => c.NextUInt64()).ToArray();

        Assert.Equal(first, second);
        Assert.NotEqual(first, third);
    }

    [Fact]
    public void NextInt_covers_its_range_evenly()
    {
        var random = new DeterministicRandom(7);
        var counts = new int[7];
        const int draws = 70_000;
        for (int n = 0; n < draws; n++)
        {
            counts[random.NextInt(7)]++;
        }
        // Each count is Binomial(70000, 1/7): mean 10000, sd ~93; 6 sd is far beyond chance.
        Assert.All(counts, count => Assert.InRange(count, 10_000 - 560, 10_000 + 560));
    }

    [Fact]
    public void NextDouble_stays_in_unit_interval_and_NextDoubleNonZero_never_returns_zero()
    {
        var random = new DeterministicRandom(8);
        for (int n = 0; n < 10_000; n++)
        {
            Assert.InRange(random.NextDouble(), 0.0, Math.BitDecrement(1.0));
            double positive = random.NextDoubleNonZero();
            Assert.True(positive > 0 && positive <= 1);
        }
    }

    [Fact]
    public void NextGaussian_has_zero_mean_and_unit_variance()
    {
        var random = new DeterministicRandom(9);
        const int n = 100_000;
        double sum = 0, sumSquares = 0;
        for (int k = 0; k < n; k++)
        {
            double g = random.NextGaussian();
            sum += g;
            sumSquares += g * g;
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        Assert.InRange(mean, -0.02, 0.02);
        Assert.InRange(variance, 0.97, 1.03);
    }

    [Fact]
    public void Shuffle_is_a_permutation()
    {
        int[] items = Enumerable.Range(0, 100).ToArray();
        new DeterministicRandom(10).Shuffle(items.AsSpan());

        Assert.NotEqual(Enumerable.Range(0, 100), items);
        Assert.Equal(Enumerable.Range(0, 100), items.Order());
    }
}
