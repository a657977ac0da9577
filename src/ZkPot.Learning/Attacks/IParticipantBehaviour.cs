namespace ZkPot.Learning;

/// <summary>How a participant turns the round's global model and its shard into the parameters it submits (honest or an attack).</summary>
public interface IParticipantBehaviour
{
    /// <summary>Short stable name for logs and result tables.</summary>
    string Name { get; }

    /// <summary>The parameter vector submitted for this round; <paramref name="global"/> is not modified.</summary>
    float[] LocalUpdate(IFloatModel global, Dataset shard, SgdOptions options);
}
