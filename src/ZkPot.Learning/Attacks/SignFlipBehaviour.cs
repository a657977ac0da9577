namespace ZkPot.Learning;

/// <summary>Trains honestly, then submits global - scale * (local - global): the step reversed and scaled.</summary>
public sealed class SignFlipBehaviour : IParticipantBehaviour
{
    /// <summary>Reverses and multiplies the honest step by <paramref name="scale"/> (1 = plain sign flip).</summary>
    public SignFlipBehaviour(float scale = 1f)
    {
        if (!(scale > 0) || float.IsInfinity(scale))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "Sign-flip scale must be positive and finite.");
        }
        Scale = scale;
    }

    /// <summary>The factor k in global - k * (local - global).</summary>
    public float Scale { get; }

    /// <inheritdoc/>
    public string Name => "sign-flip";

    /// <inheritdoc/>
    public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(global);
        float[] local = SgdTrainer.Train(global, shard, options).Model.Parameters;
        return UpdateAttacks.ScaledSignFlip(global.Parameters, local, Scale);
    }
}
