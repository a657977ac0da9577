using System.Diagnostics;
using System.Security.Cryptography;
using ZkPot.Circuits;
using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>
/// A participant on its owner's silos: trains from the global model on its private shard (off the scheduler), quantizes
/// to int8, commits and has its own prover prove the accuracy, then signs the claim. Attack kinds change exactly one
/// step (the update, the count, the proof), so every attack is the honest pipeline with one lie in it.
/// </summary>
[OwnerPlacement]
public sealed class ParticipantGrain([PersistentState("participant", "zkpot")] IPersistentState<ParticipantState> state, IContentStore store) : Grain, IParticipantGrain
{
    NodeIdentity? _identity;
    Dataset? _shard;

    ParticipantSetup Setup => state.State.Setup ?? throw new InvalidOperationException($"participant {this.GetPrimaryKeyString()} is not initialized");

    NodeIdentity Identity => _identity ??= NodeIdentity.FromSeed(Setup.Seed);

    public async Task<NodeKeys> Initialize(ParticipantSetup setup)
    {
        if (setup.Seed.Length != NodeIdentity.SeedSize) throw new ArgumentException($"identity seed must be 32 bytes, got {setup.Seed.Length}");
        if (state.State.Setup is null || !state.State.Setup.Seed.AsSpan().SequenceEqual(setup.Seed) || state.State.Setup.ZKeyCid != setup.ZKeyCid)
        {
            state.State.Setup = setup;
            _identity = null;
            _shard = null;
            await state.WriteStateAsync();
        }
        return KeysOf(this.GetPrimaryKeyString(), Identity);
    }

    public static NodeKeys KeysOf(string key, NodeIdentity identity) => new()
    {
        Key = key, NodeId = identity.Id.ToString(), Ed25519 = identity.SigningPublicKey, X25519 = identity.AgreementPublicKey, Owner = SiloRole.OwnerOf(key),
    };

    public async Task<ClaimSubmission> TrainAndClaim(long round, string globalModelCid)
    {
        if (state.State.Round == round && state.State.Submission is { } done) return done;
        var setup = Setup;
        var task = TaskContext.For(setup.Task);
        var global = new FloatMlp(setup.Task.Hidden, GlobalModel.Load(store, task, Cid.Parse(globalModelCid)));
        _shard ??= task.Shard(setup.Shard);
        var shard = _shard;
        var clock = Stopwatch.StartNew();
        var options = new SgdOptions { LearningRate = setup.Task.LearningRate, Epochs = setup.Task.LocalEpochs, Seed = round * 1_000_003 + setup.Shard };
        var behaviour = BehaviourOf(setup.Attack);
        float[] parameters = await ComputeScheduler.Run(() => behaviour.LocalUpdate(global, shard, options));
        var quantized = task.Quantize(new FloatMlp(setup.Task.Hidden, parameters));
        double trainSeconds = clock.Elapsed.TotalSeconds;
        byte[] salt = ProofCodec.FieldBytes(Fr.Random());

        var (claim, proveSeconds, silo, engine) = setup.Attack switch
        {
            AttackKind.ForgedProof => ForgedClaim(task, round, quantized, salt),
            AttackKind.ReplayedProof => await ReplayedClaim(task, round),
            _ => await ProvenClaim(task, round, quantized, salt, setup),
        };
        var submission = new ClaimSubmission
        {
            Participant = this.GetPrimaryKeyString(), Round = round, Claim = claim.Encode(), TrainSeconds = trainSeconds,
            ProveSeconds = proveSeconds, ProverSilo = silo, ProverEngine = engine,
        };
        state.State.Round = round;
        state.State.Submission = submission;
        state.State.Salt = salt;
        state.State.Parameters = parameters;
        state.State.Samples = shard.Count;
        await state.WriteStateAsync();
        return submission;
    }

    public Task<string> SealUpdate(long round, byte[] leaderAgreementKey)
    {
        if (state.State.Round != round || state.State.Submission is null) throw new InvalidOperationException($"participant {this.GetPrimaryKeyString()} has no update for round {round}");
        var payload = ModelCodec.EncodeUpdate(state.State.Salt, state.State.Samples, state.State.Parameters);
        var envelope = UpdateEnvelope.Seal(leaderAgreementKey, new Hash32(Setup.Task.TaskId), round, Identity.Id, payload);
        return Task.FromResult(store.Put(envelope).ToString());
    }

    static IParticipantBehaviour BehaviourOf(AttackKind attack) => attack switch
    {
        AttackKind.LabelFlip => new LabelFlipBehaviour(),
        AttackKind.SignFlip => new SignFlipBehaviour(4f),
        AttackKind.NoiseUpdate => new GaussianNoiseBehaviour(1f),
        _ => new HonestBehaviour(),
    };

    async Task<(AccuracyClaim, double, string, string)> ProvenClaim(TaskContext task, long round, QuantizedMlp model, byte[] salt, ParticipantSetup setup)
    {
        var prover = GrainFactory.GetGrain<IProverGrain>(this.GetPrimaryKeyString());
        var result = await prover.Prove(new ProveRequest
        {
            Round = round, Model = ModelCodec.ToMessage(model), Salt = salt, ZKeyCid = setup.ZKeyCid, Task = setup.Task, ParticipantId = Identity.Id.ToString(),
        });
        int claimed = result.Correct;
        // The lie: a count above the truth, with the proof of the true count (no proof of the false one exists).
        if (setup.Attack == AttackKind.InflatedClaim && result.Correct < task.Spec.TestSamples)
            claimed = InflatedAccuracyClaim.Create(result.Correct, task.Spec.TestSamples, Math.Max(1, task.Spec.TestSamples / 2)).ClaimedCorrect;
        var claim = AccuracyClaim.Create(task.TaskId, round, Identity, new Hash32(result.Commitment), claimed, task.Spec.TestSamples, result.Proof);
        return (claim, result.Seconds, result.Silo, result.Engine);
    }

    (AccuracyClaim, double, string, string) ForgedClaim(TaskContext task, long round, QuantizedMlp model, byte[] salt)
    {
        // Claims a perfect score on the real commitment with random bytes for a proof.
        var commitment = new Hash32(ProofCodec.FieldBytes(ModelCommitment.Compute(model, ProofCodec.FieldFrom(salt, "salt"))));
        var claim = AccuracyClaim.Create(task.TaskId, round, Identity, commitment, task.Spec.TestSamples, task.Spec.TestSamples, RandomNumberGenerator.GetBytes(ProofCodec.Size));
        return (claim, 0, "", "none");
    }

    async Task<(AccuracyClaim, double, string, string)> ReplayedClaim(TaskContext task, long round)
    {
        // Waits for someone else's claim this round and re-signs its proof, commitment and count as its own.
        var observer = GrainFactory.GetGrain<IRoundGrain>(round);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            foreach (var seen in await observer.Observed())
            {
                var other = AccuracyClaim.Decode(seen.Claim);
                if (other.Participant == Identity.Id) continue;
                var copy = AccuracyClaim.Create(task.TaskId, round, Identity, other.WeightsCommitment, other.CorrectCount, other.TestSamples, other.Proof);
                return (copy, 0, "", "none");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"replay attacker {this.GetPrimaryKeyString()} saw no claim to copy in round {round}");
    }
}
