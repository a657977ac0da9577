namespace ZkPot.Learning.Tests;

/// <summary>Compares a model's analytic gradient with central finite differences of its loss.</summary>
internal static class GradientCheck
{
    public static float Loss(IFloatModel model, byte[] image, int label) =>
        model.AccumulateGradient(image, label, new float[model.ParameterCount]);

    /// <summary>Checks <paramref name="probes"/> parameters chosen at random; returns how many had a gradient of real size.</summary>
    public static int AssertMatches(IFloatModel model, byte[] image, int label, int probes, int seed)
    {
        var gradient = new float[model.ParameterCount];
        model.AccumulateGradient(image, label, gradient);
        var random = new Random(seed);
        // Small enough to rarely cross a ReLU or max-pool switch, large enough for float round-off (~1e-4 here).
        const float eps = 3e-3f;
        int significant = 0;
        for (int n = 0; n < probes; n++)
        {
            int p = random.Next(model.ParameterCount);
            float saved = model.Parameters[p];
            model.Parameters[p] = saved + eps;
            double up = Loss(model, image, label);
            model.Parameters[p] = saved - eps;
            double down = Loss(model, image, label);
            model.Parameters[p] = saved;
            double numeric = (up - down) / (2 * eps);
            Assert.True(
                Math.Abs(numeric - gradient[p]) <= 2e-3 + 0.03 * Math.Abs(gradient[p]),
                $"parameter {p}: analytic {gradient[p]}, numeric {numeric}");
            if (Math.Abs(gradient[p]) > 1e-3)
            {
                significant++;
            }
        }
        return significant;
    }
}
