using Microsoft.Extensions.Logging;
using ZkPot.Circuits;
using ZkPot.Grains.Placement;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>
/// A validator: hosts its <see cref="ConsensusNode"/>, rebuilt after reactivation from the committed chain and the
/// persisted last vote. Claims are checked by verifier workers before the node sees them; as the leader it collects
/// the sealed openings and sums the included models before the node proposes. The last vote is written before any step's
/// messages are returned, so a crash can never make it sign two conflicting messages. It holds its owner's signing
/// and agreement keys and opens updates sealed to them, so it runs on its owner's silos like the participant.
/// </summary>
[OwnerPlacement]
public sealed class ValidatorGrain([PersistentState("validator", "zkpot")] IPersistentState<ValidatorState> state, IContentStore store,
                                   KeyStore keys, IOpeningSource openings, IAggregateMaker aggregates,
                                   ILogger<ValidatorGrain> logger) : Grain, IValidatorGrain
{
    /// <summary>A participant's claim, as its raw canonical bytes (self-authenticating: the participant's signature and proof).</summary>
    public const byte ClaimKind = ConsensusMessageCodec.ClaimKind;

    /// <summary>Anything from another validator: a <see cref="FederationMessage"/>, signed by its sender and checked by this validator's inbox.</summary>
    public const byte FederationKind = 16;

    /// <summary>Logical-time constants: rounds are a million units apart, a view lasts a thousand, so claims of a new round always arrive before its claim window closes.</summary>
    public const long RoundSpacing = 1_000_000, ViewLength = 1_000;

    ConsensusNode? _node;
    LeaderAggregator? _aggregator;
    PrecheckedClaimVerifier? _claims;
    NodeIdentity? _identity;
    ValidatorSet? _validators;
    TaskContext? _task;
    ZkPot.Snark.Groth16.CommitmentVerifyingKey? _commitmentKey;
    FederationInbox? _inbox;
    ulong _sequence;
    readonly Dictionary<long, List<string>> _aggregated = [];
    /// <summary>Openings fetched and checked against their claim's D, by height and claim.</summary>
    readonly Dictionary<(long Height, Hash32 Claim), ModelOpening> _openings = [];

    ValidatorSetup Setup => state.State.Setup ?? throw new InvalidOperationException($"validator {this.GetPrimaryKeyString()} is not initialized");

    public async Task Initialize(ValidatorSetup setup)
    {
        if (state.State.Setup is not null && state.State.Setup.Task.TaskId.AsSpan().SequenceEqual(setup.Task.TaskId) && state.State.Setup.ZKeyCid == setup.ZKeyCid) return;
        // Its signing state belongs to the task it signed in: moving a validator that has signed to another task (and
        // back) would let it sign twice in one slot.
        if (state.State.Setup is not null && (state.State.PrevoteHeight >= 0 || state.State.PrecommitHeight >= 0 || state.State.ProposalHeight >= 0))
            throw new InvalidOperationException($"validator {this.GetPrimaryKeyString()} has signed for task {Convert.ToHexStringLower(state.State.Setup.Task.TaskId)}; it is not set up again for another task or key");
        state.State.Setup = setup;
        _node = null;
        await state.WriteStateAsync();
    }

    public Task<List<string>> AggregatedAt(long height) => Task.FromResult(_aggregated.TryGetValue(height, out var list) ? list : []);

    public async Task<ValidatorStep> Step(List<WireMessage> messages, long now)
    {
        var node = await EnsureNode(now);
        var decoded = Decode(messages);
        var step = new ValidatorStep();
        await Precheck(decoded, node.Height, step);
        var output = new List<NodeOutput>();
        foreach (var message in decoded)
        {
            // While claims still arrive (view -1, before the claim deadline) an aggregate prepared now would miss the
            // later ones and depend on their arrival order; the node cannot propose before its Tick starts view 0.
            if (node.View >= 0) await PrepareAggregate(node);
            output.Add(node.Receive(message, now));
        }
        // The leader of view 0 proposes the moment the claim window closes: its aggregate is made just before, with
        // every claim that came in time.
        if (node.View >= 0 || now >= node.NextDeadline) await PrepareAggregate(node);
        output.Add(node.Tick(now));
        if (state.State.CopyFrom(node.LastVote)) await state.WriteStateAsync();
        foreach (var o in output) Collect(o, step);
        step.Height = node.Height;
        step.View = node.View;
        return step;
    }

    async Task<ConsensusNode> EnsureNode(long now)
    {
        if (_node is not null) return _node;
        var setup = Setup;
        _task = TaskContext.For(setup.Task);
        // Its participant's keys, from the member's key store (made when the participant was set up).
        _identity = keys.Get(this.GetPrimaryKeyString());
        _validators = VoteWorker.ValidatorSetOf(setup.Validators);
        var chain = GrainFactory.GetGrain<IChainGrain>(Convert.ToHexStringLower(setup.Task.TaskId));
        var blocks = (await chain.Blocks()).Select(b => Block.Decode(b)).ToList();
        if (blocks.Count == 0) throw new InvalidOperationException("the chain has no genesis block");
        CheckReplica(blocks, await chain.GenesisRecordBytes());
        // A member on its own timers runs on the wall clock; a relayed round on the relay's logical time.
        var config = setup.Timing is { } t
            ? new ConsensusConfig
            {
                TaskId = _task.TaskId, TestSamples = setup.Task.TestSamples, ClaimWindow = t.ClaimWindowMs,
                ViewTimeout = t.ViewTimeoutMs, ViewTimeoutGrowth = t.ViewGrowthMs, MaxViewTimeout = t.MaxViewTimeoutMs,
            }
            : new ConsensusConfig
            {
                TaskId = _task.TaskId, TestSamples = setup.Task.TestSamples, ClaimWindow = RoundSpacing / 2,
                ViewTimeout = ViewLength, ViewTimeoutGrowth = 0, MaxViewTimeout = ViewLength,
            };
        var proofs = new Groth16ProofVerifier(TaskContext.VerifyingKey(store, setup.ZKeyCid), setup.Task.TestSamples);
        _claims = new PrecheckedClaimVerifier(new ClaimVerifier(proofs));
        _aggregator = new LeaderAggregator();
        _commitmentKey = _task.CommitmentKey(store, setup.ZKeyCid);
        var checker = new CommittedAggregateChecker(store, _task, _commitmentKey);
        _inbox = new FederationInbox(_task.TaskId, _validators);
        _node = new ConsensusNode(config, _identity, _validators, blocks[0], _claims, _aggregator, checker,
                                  lastVote: state.State.ToLastVote(), committed: blocks.Skip(1));
        // On the wall clock the node enters its height now and waits the claim window; a relayed round's claims are
        // already here, so it starts as if the window had opened a window ago.
        _node.Start(setup.Timing is null ? now - config.ClaimWindow : now);
        return _node;
    }

    /// <summary>
    /// Raw claims (from participants) and, from other validators, only what the federation inbox admits: signed by a
    /// validator of the genesis set, not replayed, decodable. Anything else changes nothing here.
    /// </summary>
    List<ConsensusMessage> Decode(List<WireMessage> messages)
    {
        var result = new List<ConsensusMessage>(messages.Count);
        foreach (var m in messages)
        {
            if (m.Kind == FederationKind)
            {
                var (message, _, refusal) = _inbox!.Accept(m.Bytes);
                if (message is not null) result.Add(message);
                else logger.LogDebug("Validator {Validator} refused a message relayed as from {From}: {Refusal}", this.GetPrimaryKeyString(), m.From, refusal);
                continue;
            }
            if (m.Kind != ClaimKind) continue;
            try { result.Add(ConsensusMessageCodec.Decode(ClaimKind, m.Bytes)); }
            catch (InvalidDataException)
            {
                // A malformed claim is the sender's fault; it changes nothing here.
            }
        }
        return result;
    }

    /// <summary>The message signed as this validator for the federation link.</summary>
    WireMessage Signed(ConsensusMessage message, string me, string[]? to = null)
    {
        _sequence = FederationMessage.NextSequence(_sequence, DateTimeOffset.UtcNow);
        return new WireMessage { Kind = FederationKind, Bytes = FederationMessage.Create(_task!.TaskId, _identity!, _sequence, message), From = me, To = to };
    }

    /// <summary>
    /// This validator trusts its own validator set, not the chain it is handed: the genesis must commit to a record of
    /// exactly that set, and every block after it must carry a quorum certificate of that set.
    /// </summary>
    void CheckReplica(List<Block> blocks, byte[] record)
    {
        string chainName = $"chain {Convert.ToHexStringLower(Setup.Task.TaskId)}";
        if (blocks[0].Header.PreviousHash != Hash32.Sha256(record)) throw new InvalidOperationException($"{chainName}: genesis does not commit to the genesis record held with it");
        var members = GenesisRecord.Decode(record, chainName + ": genesis record").Validators.Members;
        if (!members.Select(v => (v.Id, Convert.ToHexString(v.AgreementPublicKey))).SequenceEqual(_validators!.Members.Select(v => (v.Id, Convert.ToHexString(v.AgreementPublicKey)))))
            throw new InvalidOperationException($"{chainName}: its genesis names other validators than this validator's set");
        foreach (var block in blocks.Skip(1))
            if (block.CommitProblem(_validators, Ed25519Verifier.Instance) is { } problem) throw new InvalidOperationException($"{chainName}: block {block.Height}: {problem}");
    }

    /// <summary>Sends every claim this step brings (directly or inside proposals) to verifier workers, in parallel.</summary>
    async Task Precheck(List<ConsensusMessage> messages, long height, ValidatorStep step)
    {
        var setup = Setup;
        // Only what the node itself would check: claims of this height, from blocks no larger than the validator set,
        // at most two per participant (the pool's bound), so no one gets proof checks without end through the workers.
        var claims = messages.SelectMany(m => m switch
        {
            ClaimMessage c => [c.Claim],
            ProposalMessage p when p.Proposal.Block.Claims.Count <= _validators!.Count => p.Proposal.Block.Claims,
            _ => (IEnumerable<AccuracyClaim>)[],
        }).Where(c => _validators!.Contains(c.Participant)).DistinctBy(c => c.Id).Where(c => _claims!.ShouldPrecheck(c, height)).ToList();
        if (claims.Count == 0) return;
        var verifier = GrainFactory.GetGrain<IVerifierGrain>(0);
        var outcomes = await Task.WhenAll(claims.Select(c => verifier.Verify(c.Encode(), _validators![c.Participant].SigningPublicKey, setup.Task, setup.ZKeyCid)));
        for (int i = 0; i < claims.Count; i++)
        {
            // The worker's verdict covers signature and proof; a wrong task the node's own pool decides.
            if (Enum.TryParse<ClaimRejection>(outcomes[i].Rejection, out var verdict) && verdict is ClaimRejection.None or ClaimRejection.BadSignature or ClaimRejection.BadProof)
                _claims!.Record(claims[i].Id, verdict);
            step.VerifySeconds += outcomes[i].Seconds;
            step.ProofsVerified++;
        }
    }

    /// <summary>
    /// When this validator leads the current or next view and has no block content for the height yet: fetches the
    /// openings sealed to it, keeps those that open their claim's D, and has the aggregate made by its member's
    /// <see cref="IAggregateMaker"/> (the honest sum; an adversary's member registers its own).
    /// </summary>
    async Task PrepareAggregate(ConsensusNode node)
    {
        long height = node.Height;
        if (_aggregator!.IsPreparedFor(height, node.RankedClaims) || node.RankedClaims.Count == 0) return;
        int view = Math.Max(node.View, 0);
        if (node.LeaderOf(view) != node.Id && node.LeaderOf(view + 1) != node.Id) return;
        var task = _task!;
        var ranked = node.RankedClaims;
        var keysById = Setup.Validators.ToDictionary(v => v.NodeId);
        // Openings already checked at this height are kept (content is prepared again when more claims come).
        foreach (var old in _openings.Keys.Where(k => k.Height != height).ToList()) _openings.Remove(old);
        var missing = ranked.Where(c => !_openings.ContainsKey((height, c.Id))).ToList();
        var fetched = await Task.WhenAll(missing.Select(c => OpenUpdate(keysById[c.Participant.ToString()], c, height)));
        for (int i = 0; i < missing.Count; i++)
            if (fetched[i] is { } opening) _openings[(height, missing[i].Id)] = opening;
        var openings = new Dictionary<NodeId, ModelOpening>();
        foreach (var c in ranked)
            if (_openings.TryGetValue((height, c.Id), out var opening)) openings[c.Participant] = opening;
        var tip = node.Chain.Tip.Header;
        var me = node.Id;
        var content = store;
        var maker = aggregates;
        var result = await ComputeScheduler.Run(() => maker.Make(content, task, tip, me, ranked, openings));
        _aggregator.Prepare(height, result, ranked);
        var included = result is { } r ? AggregationRule.Included(r.Claims, tip) : [];
        _aggregated[height] = included.Select(c => keysById[c.Participant.ToString()].Key).ToList();
        logger.LogInformation("Leader {Validator} prepared height {Height}: {Openings} of {Ranked} openings check, {Included} included, global model classifies {Correct} of {Samples}",
            this.GetPrimaryKeyString(), height, openings.Count, ranked.Count, included.Count, result?.GlobalCorrect, task.Spec.TestSamples);
    }

    /// <summary>Fetches a participant's sealed opening, opens the envelope and checks it against the claim's D; null when anything is off.</summary>
    async Task<ModelOpening?> OpenUpdate(NodeKeys participant, AccuracyClaim claim, long round)
    {
        string participantKey = participant.Key;
        try
        {
            if (await openings.Sealed(participant, round, _identity!, _task!.TaskId) is not { } envelope)
            {
                logger.LogWarning("Opening of {Participant} for round {Round} did not come; left out", participantKey, round);
                return null;
            }
            var payload = UpdateEnvelope.Open(_identity!, _task.TaskId, round, claim.Participant, envelope);
            var opening = ModelOpening.Decode(payload, QuantizedMlp.CommittedCount(_task.Spec.Hidden), $"opening of {participantKey}");
            if (await ComputeScheduler.Run(() => CommittedAggregate.Opens(_commitmentKey!, claim, opening))) return opening;
            logger.LogWarning("Opening of {Participant} for round {Round} does not open its claim's commitment; left out", participantKey, round);
            return null;
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException or KeyNotFoundException or OrleansException or TimeoutException)
        {
            logger.LogWarning(e, "Opening of {Participant} for round {Round} could not be fetched or opened; left out", participantKey, round);
            return null;
        }
    }

    void Collect(NodeOutput output, ValidatorStep step)
    {
        string me = this.GetPrimaryKeyString();
        foreach (var block in output.Committed) step.Committed.Add(block.Encode());
        foreach (var v in output.Claims)
            step.Verdicts.Add(new ClaimOutcome { Participant = KeyOf(v.Participant), Reason = v.Rejection.ToString() });
        step.RejectedProposals.AddRange(output.RejectedProposals);
        foreach (var message in output.Broadcast) step.Messages.Add(Signed(message, me));
        foreach (var (to, message) in output.Direct) step.Messages.Add(Signed(message, me, [KeyOf(to)]));
    }

    string KeyOf(NodeId id) => Setup.Validators.FirstOrDefault(v => v.NodeId == id.ToString())?.Key ?? id.ToString();
}
