using System.Diagnostics;
using ZkPot.Circuits;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Services;

/// <summary>What a participant made in one round: the signed claim and the update behind it (kept private until sealed to the leader).</summary>
public sealed record ParticipantRound(ClaimSubmission Submission, ModelOpening Opening);

/// <summary>
/// A participant's round, wherever it runs (its grain on the owner's silos, or its own process outside the cluster):
/// trains from the global model on the private shard (on the compute threads), quantizes in the task's fixed-point
/// format, has the commit-and-prove proof made (its D commits to the integers under a fresh mask), and signs the claim.
/// </summary>
/// <param name="behaviour">How this member trains, when its own process says (an adversary's member registers its own); null: honestly.</param>
public sealed class ParticipantPipeline(string key, ParticipantSetup setup, NodeIdentity identity, IContentStore store,
                                        Func<ProveRequest, Task<ProveResult>> prove, IParticipantBehaviour? behaviour = null)
{
    readonly NodeIdentity _identity = identity;
    Dataset? _shard;

    public NodeIdentity Identity => _identity;

    public async Task<ParticipantRound> TrainAndClaim(long round, string globalModelCid)
    {
        var task = TaskContext.For(setup.Task);
        var global = GlobalModel.LoadFloat(store, task, Cid.Parse(globalModelCid));
        var shard = _shard ??= task.Shard(setup.Shard);
        var clock = Stopwatch.StartNew();
        var options = new SgdOptions { LearningRate = setup.Task.LearningRate, Epochs = setup.Task.LocalEpochs, Seed = round * 1_000_003 + setup.Shard };
        var training = behaviour ?? new HonestBehaviour();
        float[] parameters = await ComputeScheduler.Run(() => training.LocalUpdate(global, shard, options));
        var quantized = task.Quantize(new FloatMlp(setup.Task.Hidden, parameters));
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var opening = ModelOpening.Of(quantized, Fr.Random());

        var result = await prove(new ProveRequest
        {
            Round = round, Model = ModelCodec.ToMessage(quantized), Mask = ProofCodec.FieldBytes(opening.Mask), ZKeyCid = setup.ZKeyCid, Task = setup.Task,
            ParticipantId = _identity.Id.ToString(),
        });
        var claim = AccuracyClaim.Create(task.TaskId, round, _identity, new Hash32(result.Commitment), result.Correct, task.Spec.TestSamples, result.Proof);
        var submission = new ClaimSubmission
        {
            Participant = key, Round = round, Claim = claim.Encode(), TrainSeconds = trainSeconds,
            ProveSeconds = result.Seconds, ProverSilo = result.Silo, ProverEngine = result.Engine,
        };
        return new ParticipantRound(submission, opening);
    }

    /// <summary>Seals the round's opening (integer model and mask) to the leader's X25519 key and stores it; returns its content id.</summary>
    public string SealUpdate(ParticipantRound made, byte[] leaderAgreementKey)
    {
        var payload = made.Opening.Encode();
        var envelope = UpdateEnvelope.Seal(leaderAgreementKey, new Hash32(setup.Task.TaskId), made.Submission.Round, _identity.Id, payload);
        return store.Put(envelope).ToString();
    }
}
