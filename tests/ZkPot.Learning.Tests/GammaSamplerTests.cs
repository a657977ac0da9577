namespace ZkPot.Learning.Tests;

public class GammaSamplerTests
{
    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.5)]
    [InlineData(20.0)]
    public void Samples_have_the_mean_and_variance_of_gamma_shape_1(double shape)
    {
        var random = new DeterministicRandom((long)(shape * 1000));
        const int n = 40_000;
        double sum = 0, sumSquares = 0;
        for (int k = 0; k < n; k++)
        {
            double g = GammaSampler.Sample(random, shape);
            Assert.True(g >= 0);
            sum += g;
            sumSquares += g * g;
        }
        double mean = sum / n;
        double variance = sumSquares / n - mean * mean;
        // Gamma(shape, 1): mean = variance = shape. The standard error of the mean is sqrt(shape / n).
        Assert.InRange(mean, shape - 5 * Math.Sqrt(shape / n), shape + 5 * Math.Sqrt(shape / n));
        Assert.InRange(variance, shape * 0.85, shape * 1.15);
    }

    [Fact]
    public void SampleLog_stays_finite_where_the_sample_itself_underflows()
    {
        var random = new DeterministicRandom(1);
        for (int k = 0; k < 1000; k++)
        {
            double log = GammaSampler.SampleLog(random, 0.001);
            Assert.True(double.IsFinite(log));
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Rejects_shapes_that_are_not_positive_and_finite(double shape)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GammaSampler.Sample(new DeterministicRandom(1), shape));
    }
}
