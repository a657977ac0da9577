using System.Diagnostics;
using System.Security.Cryptography;
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
/// format, has the commit-and-prove proof made (its D commits to the integers under a fresh mask), and signs the claim. Attack kinds change exactly one step (the update, the count, the proof), so every
/// attack is the honest pipeline with one lie in it.
/// </summary>
/// <param name="behaviour">How this member trains, when its own process says (an adversary's member); null: as the setup says.</param>
public sealed class ParticipantPipeline(string key, ParticipantSetup setup, NodeIdentity identity, IContentStore store, IGrainFactory grains,
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
        // A would-be Byzantine leader trains harder than the rest so that it leads: its lie is in what it proposes.
        int epochs = setup.Attack is AttackKind.LeaderSubstitute or AttackKind.LeaderDrop or AttackKind.NoiseLeader or AttackKind.Equivocation
            ? 3 * setup.Task.LocalEpochs : setup.Task.LocalEpochs;
        var options = new SgdOptions { LearningRate = setup.Task.LearningRate, Epochs = epochs, Seed = round * 1_000_003 + setup.Shard };
        var training = behaviour ?? BehaviourOf(setup.Attack);
        float[] parameters = await ComputeScheduler.Run(() => training.LocalUpdate(global, shard, options));
        // The poison: biases of 1e9, 2e9, ... (what the float FedAvg weighted by a claimed 2^62 samples turned into a
        // wrecked model). Quantization clamps them to the proven bias range and the mean has equal weights.
        if (setup.Attack == AttackKind.PoisonScale) parameters = UpdateAttacks.HugeBiases(setup.Task.Hidden, parameters);
        var quantized = task.Quantize(new FloatMlp(setup.Task.Hidden, parameters));
        double trainSeconds = clock.Elapsed.TotalSeconds;
        var opening = ModelOpening.Of(quantized, Fr.Random());

        var (claim, proveSeconds, silo, engine) = setup.Attack switch
        {
            AttackKind.ForgedProof => ForgedClaim(task, round, opening),
            AttackKind.ReplayedProof => await ReplayedClaim(task, round),
            _ => await ProvenClaim(task, round, quantized, opening.Mask),
        };
        var submission = new ClaimSubmission
        {
            Participant = key, Round = round, Claim = claim.Encode(), TrainSeconds = trainSeconds,
            ProveSeconds = proveSeconds, ProverSilo = silo, ProverEngine = engine,
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

    static IParticipantBehaviour BehaviourOf(AttackKind attack) => attack switch
    {
        AttackKind.LabelFlip => new LabelFlipBehaviour(),
        AttackKind.SignFlip => new SignFlipBehaviour(4f),
        AttackKind.NoiseUpdate => new GaussianNoiseBehaviour(1f),
        _ => new HonestBehaviour(),
    };

    async Task<(AccuracyClaim, double, string, string)> ProvenClaim(TaskContext task, long round, QuantizedMlp model, Fr mask)
    {
        var result = await prove(new ProveRequest
        {
            Round = round, Model = ModelCodec.ToMessage(model), Mask = ProofCodec.FieldBytes(mask), ZKeyCid = setup.ZKeyCid, Task = setup.Task, ParticipantId = _identity.Id.ToString(),
        });
        int claimed = result.Correct;
        // The lie: a count above the truth, with the proof of the true count (no proof of the false one exists).
        if (setup.Attack == AttackKind.InflatedClaim && result.Correct < task.Spec.TestSamples)
            claimed = InflatedAccuracyClaim.Create(result.Correct, task.Spec.TestSamples, Math.Max(1, task.Spec.TestSamples / 2)).ClaimedCorrect;
        var claim = AccuracyClaim.Create(task.TaskId, round, _identity, new Hash32(result.Commitment), claimed, task.Spec.TestSamples, result.Proof);
        return (claim, result.Seconds, result.Silo, result.Engine);
    }

    (AccuracyClaim, double, string, string) ForgedClaim(TaskContext task, long round, ModelOpening opening)
    {
        // Claims a perfect score on the real commitment with random bytes for a proof.
        var commitment = ProofCodec.PointId(opening.Commitment(task.CommitmentKey(store, setup.ZKeyCid)));
        var claim = AccuracyClaim.Create(task.TaskId, round, _identity, commitment, task.Spec.TestSamples, task.Spec.TestSamples, RandomNumberGenerator.GetBytes(ProofCodec.Size));
        return (claim, 0, "", "none");
    }

    async Task<(AccuracyClaim, double, string, string)> ReplayedClaim(TaskContext task, long round)
    {
        // Waits for someone else's claim this round and re-signs its proof, commitment and count as its own.
        var observer = grains.GetGrain<IRoundGrain>(round);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            foreach (var seen in await observer.Observed())
            {
                var other = AccuracyClaim.Decode(seen.Claim);
                if (other.Participant == _identity.Id) continue;
                var copy = AccuracyClaim.Create(task.TaskId, round, _identity, other.WeightsCommitment, other.CorrectCount, other.TestSamples, other.Proof);
                return (copy, 0, "", "none");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"replay attacker {key} saw no claim to copy in round {round}");
    }
}
