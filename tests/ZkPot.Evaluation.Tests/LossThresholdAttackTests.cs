using ZkPot.Evaluation.Privacy;
using ZkPot.Learning;

namespace ZkPot.Evaluation.Tests;

public class LossThresholdAttackTests
{
    /// <summary>Random images with random labels: nothing generalizes, so only memorization lowers a sample's loss.</summary>
    static Dataset Noise(int count, long seed)
    {
        var random = new DeterministicRandom(seed);
        var images = new List<byte[]>();
        var labels = new List<byte>();
        for (int i = 0; i < count; i++)
        {
            var image = new byte[Dataset.ImageSize];
            for (int p = 0; p < image.Length; p++) image[p] = (byte)random.NextInt(256);
            images.Add(image);
            labels.Add((byte)random.NextInt(Dataset.ClassCount));
        }
        return new Dataset(images, labels);
    }

    static IFloatModel TrainedOn(Dataset data) =>
        SgdTrainer.Train(FloatMlp.Create(32, 3), data, new SgdOptions { Epochs = 40, LearningRate = 0.05f, Seed = 1 }).Model;

    [Fact]
    public void A_view_that_holds_nothing_about_the_members_gives_chance()
    {
        var members = Noise(300, 1);
        var others = Noise(300, 2);
        // Trained on a third set: members and non-members are equally unseen.
        var result = LossThresholdAttack.Run(TrainedOn(Noise(300, 3)), members, others);
        Assert.True(result.AtChance, $"advantage {result.Advantage:F3} outside the chance band ±{result.ChanceBand:F3}");
        Assert.Equal(MembershipAdvantage.Band(300, 300), result.ChanceBand, 12);
    }

    [Fact]
    public void An_overfit_model_gives_its_members_away()
    {
        var members = Noise(300, 1);
        var result = LossThresholdAttack.Run(TrainedOn(members), members, Noise(300, 2));
        Assert.False(result.AtChance);
        // The mean-loss threshold is strict on a skewed loss distribution (TPR 0.4, FPR 0.06 here): far outside chance all the same.
        Assert.True(result.Advantage > 0.25, $"advantage {result.Advantage:F3} (TPR {result.TruePositiveRate:F2}, FPR {result.FalsePositiveRate:F2})");
    }

    [Fact]
    public void The_mean_over_targets_averages_rates_and_pools_the_band_of_disjoint_samples()
    {
        int[] Keys(int from, int count) => Enumerable.Range(from, count).ToArray();
        var mean = MembershipAdvantage.Mean([new(0.2, 0.6, 0.4, 0, 100, 100), new(0.0, 0.5, 0.5, 0, 100, 100)],
                                            [Keys(0, 100), Keys(100, 100)], [Keys(1000, 100), Keys(1100, 100)]);
        Assert.Equal(0.1, mean.Advantage, 12);
        Assert.Equal(0.55, mean.TruePositiveRate, 12);
        Assert.Equal(MembershipAdvantage.Band(200, 200), mean.ChanceBand, 12);
        Assert.Equal((200, 200), (mean.Members, mean.NonMembers));
    }

    [Fact]
    public void Non_members_shared_by_every_target_count_once_in_the_band()
    {
        int[] Keys(int from, int count) => Enumerable.Range(from, count).ToArray();
        var parts = new MembershipAdvantage[] { new(0.05, 0.55, 0.5, 0, 100, 100), new(0.05, 0.55, 0.5, 0, 100, 100) };
        // Two targets, their own members, the same 100 non-members: a coin's mean FPR varies as one target's does.
        var shared = MembershipAdvantage.Mean(parts, [Keys(0, 100), Keys(100, 100)], [Keys(1000, 100), Keys(1000, 100)]);
        Assert.Equal(MembershipAdvantage.Band(200, 100), shared.ChanceBand, 12);
        Assert.Equal((200, 100), (shared.Members, shared.NonMembers));
        Assert.True(shared.ChanceBand > MembershipAdvantage.Band(200, 200));
    }
}
