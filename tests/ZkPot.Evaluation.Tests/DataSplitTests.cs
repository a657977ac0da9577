using ZkPot.Learning;

namespace ZkPot.Evaluation.Tests;

public class DataSplitTests
{
    static Dataset Labelled(int perClass)
    {
        var images = new List<byte[]>();
        var labels = new List<byte>();
        for (int c = 0; c < Dataset.ClassCount; c++)
            for (int i = 0; i < perClass; i++) { images.Add(new byte[Dataset.ImageSize]); labels.Add((byte)c); }
        return new Dataset(images, labels);
    }

    /// <summary>Mean over participants of the largest class's share of its shard (1 = one class each, 0.1 = balanced).</summary>
    static double MeanTopShare(Dataset data, int[][] shards) => shards.Where(s => s.Length > 0).Average(s =>
        s.GroupBy(i => data.Label(i)).Max(g => g.Count()) / (double)s.Length);

    [Fact]
    public void Every_split_deals_each_sample_to_one_participant()
    {
        var data = Labelled(200);
        foreach (var split in DataSplit.Defaults)
        {
            var shards = split.Shards(data, 10, 5, int.MaxValue);
            var all = shards.SelectMany(s => s).ToList();
            Assert.Equal(data.Count, all.Count);
            Assert.Equal(data.Count, all.Distinct().Count());
        }
    }

    [Fact]
    public void Smaller_alpha_skews_labels_more_and_iid_not_at_all()
    {
        var data = Labelled(300);
        double iid = MeanTopShare(data, DataSplit.Iid.Shards(data, 10, 5, int.MaxValue));
        double[] dirichlet = new[] { 0.1, 0.5, 1.0 }.Select(a => MeanTopShare(data, DataSplit.Dirichlet(a).Shards(data, 10, 5, int.MaxValue))).ToArray();
        Assert.InRange(iid, 0.1, 0.2);
        Assert.True(dirichlet[0] > dirichlet[1] && dirichlet[1] > dirichlet[2] && dirichlet[2] > iid, string.Join(", ", dirichlet));
        Assert.True(dirichlet[0] > 0.5, $"alpha 0.1 should leave most of a shard in one class, got {dirichlet[0]:F2}");
    }

    [Fact]
    public void Shards_are_capped_and_names_parse_back()
    {
        var data = Labelled(100);
        Assert.All(DataSplit.Dirichlet(1.0).Shards(data, 4, 1, 30), s => Assert.True(s.Length <= 30));
        Assert.Equal(DataSplit.Dirichlet(0.5), DataSplit.Parse("dir-0.5"));
        Assert.Equal("dir-0.1", DataSplit.Parse("dir-0.1").Name);
        Assert.Equal(DataSplit.Iid, DataSplit.Parse("iid"));
        Assert.Contains("--splits", Assert.Throws<ArgumentException>(() => DataSplit.Parse("dir-0")).Message);
    }
}
