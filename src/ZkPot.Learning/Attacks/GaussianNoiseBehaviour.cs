namespace ZkPot.Learning;

/// <summary>Skips training and submits the global model plus Gaussian noise (seeded by the round's training seed).</summary>
public sealed class GaussianNoiseBehaviour : IParticipantBehaviour
{
    /// <summary>Adds N(0, sigma^2) to every parameter.</summary>
    public GaussianNoiseBehaviour(float sigma)
    {
        if (!(sigma > 0) || float.IsInfinity(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "Noise standard deviation must be positive and finite.");
        }
        Sigma = sigma;
    }

    /// <summary>Standard deviation of the noise.</summary>
    public float Sigma { get; }

    /// <inheritdoc/>
    public string Name => "gaussian-noise";

    /// <inheritdoc/>
    public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(global);
        ArgumentNullException.ThrowIfNull(options);
        return UpdateAttacks.GaussianNoise(global.Parameters, Sigma, options.Seed);
    }
}
