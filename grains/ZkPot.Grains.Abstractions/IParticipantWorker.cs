namespace ZkPot.Grains;

/// <summary>
/// A participant process outside the cluster (an Orleans client): it holds the private shard, trains and proves on its
/// own machine, and answers its participant grain, which forwards the round's requests to it while it is attached.
/// </summary>
public interface IParticipantWorker : IGrainObserver
{
    /// <summary>As <see cref="IParticipantGrain.TrainAndClaim"/>, run in the participant's process.</summary>
    Task<ClaimSubmission> TrainAndClaim(long round, string globalModelCid);

    /// <summary>As <see cref="IParticipantGrain.SealUpdate"/>, run in the participant's process.</summary>
    Task<string> SealUpdate(long round, byte[] leaderAgreementKey);
}
