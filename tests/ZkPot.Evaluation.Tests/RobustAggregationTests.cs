using ZkPot.Evaluation.Rules;
using ZkPot.Evaluation.Systems;
using ZkPot.Grains;

namespace ZkPot.Evaluation.Tests;

public class RobustAggregationTests
{
    static readonly float[][] Five = [[1, 10], [2, -4], [100, 0], [3, 2], [-50, 1]];

    [Fact]
    public void Median_takes_the_middle_value_per_coordinate()
    {
        // Coordinate 0: -50 1 2 3 100 -> 2; coordinate 1: -4 0 1 2 10 -> 1.
        Assert.Equal([2f, 1f], RobustAggregation.CoordinateMedian(Five));
        // Even count: the mean of the two middle values (2, 3 -> 2.5; 0, 2 -> 1).
        Assert.Equal([2.5f, 1f], RobustAggregation.CoordinateMedian([[1, 0], [2, 2], [3, 5], [100, -7]]));
    }

    [Fact]
    public void Trimmed_mean_drops_the_extremes_of_each_coordinate()
    {
        // Trim 1: coordinate 0 keeps 1 2 3 -> 2; coordinate 1 keeps 0 1 2 -> 1.
        Assert.Equal([2f, 1f], RobustAggregation.TrimmedMean(Five, 1));
        // Trim 0 is the plain mean: (1 + 2 + 100 + 3 - 50) / 5 = 11.2; (10 - 4 + 0 + 2 + 1) / 5 = 1.8.
        Assert.Equal([11.2f, 1.8f], RobustAggregation.TrimmedMean(Five, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RobustAggregation.TrimmedMean(Five, 3));
    }

    [Fact]
    public void Krum_picks_the_update_closest_to_its_neighbours()
    {
        // Three clustered points and two far ones; f = 1 gives 5 - 1 - 2 = 2 neighbours.
        // Scores: [0,0]: 1 + 1 = 2; [1,0]: 1 + 2 = 3; [0,1]: 1 + 2 = 3; the far ones much more. Krum picks index 0.
        float[][] updates = [[0, 0], [1, 0], [0, 1], [50, 50], [-40, 60]];
        Assert.Equal(0, RobustAggregation.Krum(updates, 1));
        // Moving the cluster's centre to the end moves the choice with it.
        float[][] moved = [[50, 50], [1, 0], [0, 1], [-40, 60], [0, 0]];
        Assert.Equal(4, RobustAggregation.Krum(moved, 1));
    }

    [Fact]
    public void FedAvg_weights_each_update_by_its_sample_count()
    {
        var updates = new List<Submission>
        {
            new(0, AttackKind.None, [1, 4], 1),
            new(1, AttackKind.None, [4, 1], 2),
        };
        // (1 * 1 + 2 * 4) / 3 = 3; (1 * 4 + 2 * 1) / 3 = 2.
        Assert.Equal([3f, 2f], FedAvgSystem.Mean(updates));
    }
}
