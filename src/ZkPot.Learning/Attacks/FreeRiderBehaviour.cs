namespace ZkPot.Learning;

/// <summary>Does no work and submits the global model unchanged, hoping to share the reward.</summary>
public sealed class FreeRiderBehaviour : IParticipantBehaviour
{
    /// <inheritdoc/>
    public string Name => "free-rider";

    /// <inheritdoc/>
    public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(global);
        return UpdateAttacks.FreeRide(global.Parameters);
    }
}
