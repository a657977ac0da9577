namespace ZkPot.Learning.Tests;

public class TestBatchTests
{
    [Fact]
    public void SelectIndices_draws_distinct_in_range_indices_reproducibly()
    {
        int[] batch = TestBatch.SelectIndices(10_000, 64, seed: 12);

        Assert.Equal(64, batch.Length);
        Assert.Equal(64, batch.Distinct().Count());
        Assert.All(batch, index => Assert.InRange(index, 0, 9_999));
        Assert.Equal(batch, TestBatch.SelectIndices(10_000, 64, seed: 12));
        Assert.NotEqual(batch, TestBatch.SelectIndices(10_000, 64, seed: 13));
    }

    [Fact]
    public void SelectIndices_can_take_the_whole_set()
    {
        Assert.Equal(Enumerable.Range(0, 50), TestBatch.SelectIndices(50, 50, seed: 1).Order());
    }

    [Fact]
    public void Select_returns_the_samples_at_the_selected_indices()
    {
        Dataset test = SyntheticData.Create(300, seed: 2);
        int[] indices = TestBatch.SelectIndices(300, 20, seed: 3);

        Dataset batch = TestBatch.Select(test, 20, seed: 3);

        for (int k = 0; k < 20; k++)
        {
            Assert.Equal(test.Label(indices[k]), batch.Label(k));
            Assert.True(test.Image(indices[k]).SequenceEqual(batch.Image(k)));
        }
    }

    [Fact]
    public void Select_rejects_a_batch_larger_than_the_set()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => TestBatch.SelectIndices(10, 11, seed: 1));
        Assert.Contains("11 samples asked from a set of 10", e.Message);
    }
}
