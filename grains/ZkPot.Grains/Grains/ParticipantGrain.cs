using ZkPot.Circuits;
using ZkPot.Grains.Placement;
using ZkPot.Learning;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>
/// A participant on its owner's silos: runs its <see cref="ParticipantPipeline"/> with its own prover grain, or, while a
/// worker outside the cluster is attached, forwards the round to it. The latest round's claim and update are stored
/// before the claim is returned, so a retried call gets the same claim.
/// </summary>
[OwnerPlacement]
public sealed class ParticipantGrain([PersistentState("participant", "zkpot")] IPersistentState<ParticipantState> state, IContentStore store, KeyStore keys,
                                     IServiceProvider services)
    : Grain, IParticipantGrain
{
    ParticipantPipeline? _pipeline;
    IParticipantWorker? _worker;
    /// <summary>
    /// The current round's envelopes, by the key they are sealed to: a request repeated (a signed opening request stays
    /// good for ten minutes) gets the envelope already stored, so asking cannot grow the member's storage.
    /// </summary>
    readonly Dictionary<string, string> _sealed = new(StringComparer.Ordinal);

    ParticipantSetup Setup => state.State.Setup ?? throw new InvalidOperationException($"participant {this.GetPrimaryKeyString()} is not initialized");

    ParticipantPipeline Pipeline => _pipeline ??= new ParticipantPipeline(this.GetPrimaryKeyString(), Setup, keys.Get(this.GetPrimaryKeyString()), store,
        request => GrainFactory.GetGrain<IProverGrain>(this.GetPrimaryKeyString()).Prove(request),
        // An adversary's member trains its own way (its own code, registered in its own process).
        (IParticipantBehaviour?)services.GetService(typeof(IParticipantBehaviour)));

    public async Task<NodeKeys> Initialize(ParticipantSetup setup)
    {
        // The participant's keys are made here, on its owner's silos, the first time it is set up.
        var identity = keys.GetOrCreate(this.GetPrimaryKeyString());
        if (state.State.Setup is null || !state.State.Setup.Task.TaskId.AsSpan().SequenceEqual(setup.Task.TaskId) || state.State.Setup.ZKeyCid != setup.ZKeyCid)
        {
            // A round's update belongs to its task: set up for another, the participant has nothing left to seal.
            state.State.Setup = setup;
            state.State.Round = -1;
            state.State.Submission = null;
            state.State.Opening = [];
            state.State.MadeOutside = false;
            _pipeline = null;
            _sealed.Clear();
            await state.WriteStateAsync();
        }
        return KeysOf(this.GetPrimaryKeyString(), identity);
    }

    public static NodeKeys KeysOf(string key, NodeIdentity identity) => new()
    {
        Key = key, NodeId = identity.Id.ToString(), Ed25519 = identity.SigningPublicKey, X25519 = identity.AgreementPublicKey, Owner = SiloRole.OwnerOf(key),
    };

    public Task<ParticipantSetup> Attach(IParticipantWorker worker)
    {
        var setup = Setup;
        _worker = worker;
        return Task.FromResult(setup);
    }

    public Task<bool> IsAttached() => Task.FromResult(_worker is not null);

    public async Task<ClaimSubmission> TrainAndClaim(long round, string globalModelCid)
    {
        if (state.State.Round == round && state.State.Submission is { } done) return done;
        if (_worker is { } worker)
        {
            ClaimSubmission outside;
            try { outside = await worker.TrainAndClaim(round, globalModelCid); }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The outside process is gone: this round it is late, and the next attach brings it back.
                _worker = null;
                throw new InvalidOperationException($"participant {this.GetPrimaryKeyString()}: its outside worker did not answer for round {round}", e);
            }
            await Remember(round, outside, [], madeOutside: true);
            return outside;
        }
        var made = await Pipeline.TrainAndClaim(round, globalModelCid);
        await Remember(round, made.Submission, made.Opening.Encode(), madeOutside: false);
        return made.Submission;
    }

    public async Task<string> SealUpdate(long round, byte[] leaderAgreementKey)
    {
        if (state.State.Round != round || state.State.Submission is not { } submission)
            throw new InvalidOperationException($"participant {this.GetPrimaryKeyString()} has no update for round {round}");
        await RequireGenesisValidator(leaderAgreementKey);
        string recipient = Convert.ToHexString(leaderAgreementKey);
        if (_sealed.TryGetValue(recipient, out var done) && store.Contains(Cid.Parse(done))) return done;
        string cid;
        // An update made outside stays outside until it is sealed to the leader.
        if (state.State.MadeOutside) cid = await (_worker ?? throw new InvalidOperationException(
            $"participant {this.GetPrimaryKeyString()}: the outside worker that made round {round}'s update is not attached")).SealUpdate(round, leaderAgreementKey);
        else
        {
            var opening = ModelOpening.Decode(state.State.Opening, QuantizedMlp.CommittedCount(Setup.Task.Hidden), "stored opening");
            cid = Pipeline.SealUpdate(new ParticipantRound(submission, opening), leaderAgreementKey);
        }
        return _sealed[recipient] = cid;
    }

    /// <summary>An update is sealed only to a validator of the genesis set (the leader is one); an outsider's key is refused.</summary>
    async Task RequireGenesisValidator(byte[] agreementKey)
    {
        var chain = GrainFactory.GetGrain<IChainGrain>(Convert.ToHexStringLower(Setup.Task.TaskId));
        var record = GenesisRecord.Decode(await chain.GenesisRecordBytes(), "genesis record");
        if (!record.Validators.Members.Any(v => v.AgreementPublicKey.AsSpan().SequenceEqual(agreementKey)))
            throw new ArgumentException($"participant {this.GetPrimaryKeyString()}: the key to seal to is not a validator's of the genesis set");
    }

    async Task Remember(long round, ClaimSubmission submission, byte[] opening, bool madeOutside)
    {
        state.State.Round = round;
        state.State.Submission = submission;
        state.State.Opening = opening;
        state.State.MadeOutside = madeOutside;
        _sealed.Clear();
        await state.WriteStateAsync();
    }
}
