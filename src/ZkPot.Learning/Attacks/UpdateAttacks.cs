namespace ZkPot.Learning;

/// <summary>Model-poisoning transforms a Byzantine participant applies to its submitted parameters, as pure functions.</summary>
public static class UpdateAttacks
{
    /// <summary>
    /// Sign-flipped, scaled update: global - scale * (local - global). Scale 1 reverses the honest step;
    /// larger scales also boost it so that it outweighs honest updates in the average.
    /// </summary>
    public static float[] ScaledSignFlip(ReadOnlySpan<float> global, ReadOnlySpan<float> local, float scale)
    {
        CheckSameLength(global, local);
        if (!float.IsFinite(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be finite.");
        }
        var result = new float[global.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = global[i] - scale * (local[i] - global[i]);
        }
        return result;
    }

    /// <summary>
    /// The huge-bias poison: every output bias of an MLP of width <paramref name="hidden"/> set to 1e9 (k + 1) for class
    /// k, the rest unchanged. Under a float average weighted by a self-declared sample count this wrecks the global
    /// model, while the proven int8 form of the update keeps its accuracy: every such bias clamps to the same bound.
    /// </summary>
    public static float[] HugeBiases(int hidden, ReadOnlySpan<float> parameters)
    {
        var model = new FloatMlp(hidden, parameters);
        var b2 = model.B2;
        for (int k = 0; k < b2.Length; k++) b2[k] = 1e9f * (k + 1);
        return model.Parameters;
    }

    /// <summary>Noise in place of training: global + N(0, sigma^2) per parameter, drawn from <paramref name="seed"/>.</summary>
    public static float[] GaussianNoise(ReadOnlySpan<float> global, float sigma, long seed)
    {
        if (!(sigma >= 0) || float.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Noise standard deviation must be non-negative and finite.");
        }
        var random = new DeterministicRandom(seed);
        var result = new float[global.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = global[i] + (float)(random.NextGaussian() * sigma);
        }
        return result;
    }

    /// <summary>The free rider's update: the global model, unchanged (a copy).</summary>
    public static float[] FreeRide(ReadOnlySpan<float> global) => global.ToArray();

    private static void CheckSameLength(ReadOnlySpan<float> global, ReadOnlySpan<float> local)
    {
        if (global.Length != local.Length)
        {
            throw new ArgumentException($"Local model has {local.Length} parameters; the global model has {global.Length}.", "local");
        }
    }
}
