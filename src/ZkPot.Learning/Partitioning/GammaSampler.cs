namespace ZkPot.Learning;

/// <summary>Gamma(shape, 1) sampling by Marsaglia and Tsang's squeeze method, with a log-space variant for tiny shapes.</summary>
public static class GammaSampler
{
    /// <summary>One Gamma(shape, 1) sample; shape must be positive and finite.</summary>
    public static double Sample(DeterministicRandom random, double shape) => Math.Exp(SampleLog(random, shape));

    /// <summary>
    /// The natural logarithm of one Gamma(shape, 1) sample. Dirichlet draws with alpha around 0.01 produce
    /// values below double's range (U^(1/alpha) underflows to 0), so they are normalised in log space.
    /// </summary>
    public static double SampleLog(DeterministicRandom random, double shape)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(shape > 0) || double.IsInfinity(shape))
        {
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "Gamma shape must be positive and finite.");
        }
        if (shape >= 1)
        {
            return Math.Log(MarsagliaTsang(random, shape));
        }
        // Boost: if G ~ Gamma(shape + 1) and U ~ U(0,1], then G * U^(1/shape) ~ Gamma(shape).
        double boosted = MarsagliaTsang(random, shape + 1);
        return Math.Log(boosted) + Math.Log(random.NextDoubleNonZero()) / shape;
    }

    private static double MarsagliaTsang(DeterministicRandom random, double shape)
    {
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.Sqrt(9.0 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = random.NextGaussian();
                v = 1.0 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            double u = random.NextDoubleNonZero();
            double x2 = x * x;
            if (u < 1.0 - 0.0331 * x2 * x2)
            {
                return d * v;
            }
            if (Math.Log(u) < 0.5 * x2 + d * (1.0 - v + Math.Log(v)))
            {
                return d * v;
            }
        }
    }
}
