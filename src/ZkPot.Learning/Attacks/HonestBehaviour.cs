namespace ZkPot.Learning;

/// <summary>Trains on the shard as given and submits the result.</summary>
public sealed class HonestBehaviour : IParticipantBehaviour
{
    /// <inheritdoc/>
    public string Name => "honest";

    /// <inheritdoc/>
    public float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options) =>
        SgdTrainer.Train(global, shard, options).Model.Parameters;
}
