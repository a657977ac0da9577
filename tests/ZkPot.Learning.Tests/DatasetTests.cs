namespace ZkPot.Learning.Tests;

public class DatasetTests
{
    [Fact]
    public void Constructor_copies_rows_so_later_changes_do_not_leak_in()
    {
        var row = new byte[784];
        var data = new Dataset([row], [3]);

        row[0] = 200;

        Assert.Equal(0, data.Image(0)[0]);
    }

    [Fact]
    public void Constructor_rejects_a_row_of_wrong_length_naming_its_index()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([new byte[784], new byte[783]], [1, 2]));
        Assert.Contains("Image 1 has 783 pixels", e.Message);
    }

    [Fact]
    public void Constructor_rejects_label_outside_0_to_9()
    {
        var e = Assert.Throws<ArgumentException>(() => new Dataset([new byte[784]], [10]));
        Assert.Contains("Label 0 is 10", e.Message);
    }

    [Fact]
    public void Subset_returns_the_chosen_samples_in_order_and_rejects_bad_indices()
    {
        Dataset data = SyntheticData.Create(20, seed: 1);

        Dataset subset = data.Subset([7, 2, 7]);

        Assert.Equal(3, subset.Count);
        Assert.Equal(data.Label(7), subset.Label(0));
        Assert.Equal(data.Label(2), subset.Label(1));
        Assert.True(data.Image(7).SequenceEqual(subset.Image(2)));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.Subset([0, 20]));
        Assert.Contains("Index 20 at position 1", e.Message);
    }

    [Fact]
    public void WithLabels_maps_every_label_and_keeps_images()
    {
        Dataset data = SyntheticData.Create(30, seed: 2);
        byte[] shift = [1, 2, 3, 4, 5, 6, 7, 8, 9, 0];

        Dataset mapped = data.WithLabels(shift);

        for (int n = 0; n < data.Count; n++)
        {
            Assert.Equal((data.Label(n) + 1) % 10, mapped.Label(n));
            Assert.True(data.Image(n).SequenceEqual(mapped.Image(n)));
        }
    }

    [Fact]
    public void ClassCounts_counts_each_label()
    {
        Dataset data = SyntheticData.Create(25, seed: 3, label: n => (byte)(n % 5));
        Assert.Equal([5, 5, 5, 5, 5, 0, 0, 0, 0, 0], data.ClassCounts());
    }
}
