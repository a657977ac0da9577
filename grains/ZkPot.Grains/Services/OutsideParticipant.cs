using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Services;

/// <summary>
/// The worker of a participant running outside the cluster: its shard, training and proving stay in this process; the
/// cluster sees only the signed claim and, once sealed to the leader, the update. It learns its setup when it attaches;
/// its keys it brings itself, from its member's key store.
/// </summary>
public sealed class OutsideParticipant(string key, IContentStore store) : IParticipantWorker
{
    readonly TaskCompletionSource<ParticipantPipeline> _pipeline = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly Dictionary<long, ParticipantRound> _made = [];

    /// <summary>The task's id in hex (the chain grain's key), once configured.</summary>
    public string? TaskHex { get; private set; }

    /// <summary>Raised after each claim is made.</summary>
    public event Action<ClaimSubmission>? Claimed;

    /// <summary>An outside participant proves on this machine's CPU.</summary>
    static readonly SiloProver CpuProver = new(new SiloRole("external", Gpu: false, Owner: "external"));

    /// <summary>Takes the setup its grain returned on attach (the first one; a later attach returns the same setup) and its keys.</summary>
    public void Configure(ParticipantSetup setup, NodeIdentity identity)
    {
        if (_pipeline.Task.IsCompleted) return;
        TaskHex = Convert.ToHexStringLower(setup.Task.TaskId);
        _pipeline.SetResult(new ParticipantPipeline(key, setup, identity, store,
            request => ComputeScheduler.Run(() => LocalProver.Prove(request, store, CpuProver, "external:" + Environment.MachineName))));
    }

    public async Task<ClaimSubmission> TrainAndClaim(long round, string globalModelCid)
    {
        if (_made.TryGetValue(round, out var done)) return done.Submission;
        var made = await (await _pipeline.Task).TrainAndClaim(round, globalModelCid);
        foreach (long old in _made.Keys.Where(r => r < round - 1).ToList()) _made.Remove(old);
        _made[round] = made;
        Claimed?.Invoke(made.Submission);
        return made.Submission;
    }

    public async Task<string> SealUpdate(long round, byte[] leaderAgreementKey) =>
        _made.TryGetValue(round, out var made)
            ? (await _pipeline.Task).SealUpdate(made, leaderAgreementKey)
            : throw new InvalidOperationException($"outside participant {key} made no update for round {round}");
}
