namespace ZkPot.Grains;

/// <summary>A federated-learning participant (key: "owner/pN"): holds its identity and private shard, trains, quantizes, commits, proves and signs claims.</summary>
public interface IParticipantGrain : IGrainWithStringKey
{
    /// <summary>Stores the setup (idempotent for the same setup) and returns the participant's public keys.</summary>
    Task<NodeKeys> Initialize(ParticipantSetup setup);

    /// <summary>Trains from the global model (content id), proves and returns the signed claim; repeated calls for a round return the same claim.</summary>
    Task<ClaimSubmission> TrainAndClaim(long round, string globalModelCid);

    /// <summary>
    /// Hands the participant's work to a process outside the cluster (re-attach periodically: the grain may move) and
    /// returns the setup it needs; throws InvalidOperationException until the coordinator initialized the participant.
    /// </summary>
    Task<ParticipantSetup> Attach(IParticipantWorker worker);

    /// <summary>True while an outside worker is attached.</summary>
    Task<bool> IsAttached();

    /// <summary>
    /// Seals this round's update (salt, sample count, parameters) to the leader's X25519 key, stores it in the content
    /// store and returns its content id. Only to the key of a validator the chain's genesis names: anyone else is refused.
    /// </summary>
    Task<string> SealUpdate(long round, byte[] leaderAgreementKey);
}
