using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ZkPot.Grains.Federation;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Federation;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Grains;

/// <summary>
/// A member's door and clock for one task. What other members post waits in a bounded queue; on each tick of its own
/// timer the member fetches the models that proposals and decisions name (checked by their content id), steps its
/// validator with the wall clock (the validator's inbox checks every signature), posts what the validator sends,
/// appends committed blocks to its chain replica (which checks each certificate), and has its participant train and
/// claim each new height. No coordinator moves it: a member that is killed and restarted resumes from its stored
/// setup, chain and last vote, and catches up by block sync.
/// </summary>
public sealed class MemberGrain([PersistentState(MemberGrain.StateName, "zkpot")] IPersistentState<MemberState> state, IContentStore store, KeyStore keys,
                                IFederationLink link, ILogger<MemberGrain> logger) : Grain, IMemberGrain
{
    /// <summary>The name of the member's persisted state (its setup) in the member's grain storage.</summary>
    public const string StateName = "member";

    /// <summary>Messages waiting for a tick beyond this are dropped (counted): a flood costs the flooder, not memory.</summary>
    public const int MaxQueued = 4096;

    /// <summary>
    /// What one sender (as the link authenticated it) may have waiting at once: a quarter of the queue and this many
    /// bytes. A member that floods fills its own share, not the others', and cannot make the door hold 4,096 frames of
    /// the link's largest size.
    /// </summary>
    public const int MaxQueuedPerSender = MaxQueued / 4;

    /// <inheritdoc cref="MaxQueuedPerSender"/>
    public const long MaxQueuedBytesPerSender = 32 << 20;

    /// <summary>How long a blob request waits for its answer.</summary>
    static readonly TimeSpan BlobTimeout = TimeSpan.FromSeconds(3);

    readonly ConcurrentQueue<(byte[] Frame, string From)> _queue = new();
    /// <summary>What each sender has waiting in the queue (guarded by itself).</summary>
    readonly Dictionary<string, (int Count, long Bytes)> _queuedBy = new(StringComparer.Ordinal);
    readonly List<string> _problems = [];
    int _queued, _dropped, _refused;
    bool _starting;
    IGrainTimer? _timer;
    NodeIdentity? _identity;
    ValidatorSet? _validators;
    Dictionary<NodeId, NodeKeys> _members = [];
    Hash32 _taskId;
    /// <summary>The replica's height: read once when the member (re)starts, then kept by its own appends.</summary>
    long _chainHeight = -1;
    long _claimedHeight = -1, _height;
    int _view;
    ulong _sequence;

    MemberSetup Setup => state.State.Setup ?? throw new InvalidOperationException($"member {this.GetPrimaryKeyString()} is not started");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Setup is not null) Begin();
        return Task.CompletedTask;
    }

    public async Task Start(MemberSetup setup)
    {
        _starting = true;
        try { await StartOnce(setup); }
        finally { _starting = false; }
    }

    async Task StartOnce(MemberSetup setup)
    {
        if (setup.Validator.Task.TaskId.Length == 0 || Convert.ToHexStringLower(setup.Validator.Task.TaskId) != this.GetPrimaryKeyString())
            throw new ArgumentException($"member {this.GetPrimaryKeyString()}: the setup is for another task");
        if (setup.Validator.Validators.All(v => v.Key != setup.Participant))
            throw new ArgumentException($"member {this.GetPrimaryKeyString()}: participant {setup.Participant} is not a validator of the setup");
        if (setup.TickMs is < 5 or > 10_000) throw new ArgumentException($"tick must be in [5, 10000] ms, got {setup.TickMs}");
        if (setup.Validator.Timing is null) throw new ArgumentException("a member runs on the wall clock: the setup needs a timing");
        await GrainFactory.GetGrain<IValidatorGrain>(setup.Participant).Initialize(setup.Validator);
        if (state.State.Setup is null)
        {
            state.State.Setup = setup;
            await state.WriteStateAsync();
        }
        if (_timer is null) Begin();
    }

    void Begin()
    {
        var setup = Setup;
        _identity = keys.Get(setup.Participant);
        _validators = VoteWorker.ValidatorSetOf(setup.Validator.Validators);
        _members = setup.Validator.Validators.ToDictionary(v => NodeId.Parse(v.NodeId));
        _taskId = new Hash32(setup.Validator.Task.TaskId);
        _timer = this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(TimeSpan.Zero, TimeSpan.FromMilliseconds(setup.TickMs)) { KeepAlive = true });
    }

    public Task Deliver(byte[] message, string from)
    {
        if (_validators is null)
        {
            // Not started: nothing to check it against (and no queue for task ids no one set up here). Nor is this
            // activation kept: any task id names a door grain, and a member could otherwise fill the silo with them.
            Interlocked.Increment(ref _dropped);
            LeaveIfNotStarted();
            return Task.CompletedTask;
        }
        if (!PassedOnByItsSender(message, from))
        {
            Interlocked.Increment(ref _refused);
            return Task.CompletedTask;
        }
        lock (_queuedBy)
        {
            var (count, bytes) = _queuedBy.GetValueOrDefault(from);
            if (_queued >= MaxQueued || count >= MaxQueuedPerSender || bytes + message.Length > MaxQueuedBytesPerSender)
            {
                Interlocked.Increment(ref _dropped);
                return Task.CompletedTask;
            }
            _queuedBy[from] = (count + 1, bytes + message.Length);
            _queued++;
            _queue.Enqueue((message, from));
        }
        return Task.CompletedTask;
    }

    /// <summary>Takes the next queued frame off its sender's share.</summary>
    bool TryDequeue(out byte[] frame)
    {
        lock (_queuedBy)
        {
            if (!_queue.TryDequeue(out var item))
            {
                frame = [];
                return false;
            }
            var (count, bytes) = _queuedBy[item.From];
            if (count == 1) _queuedBy.Remove(item.From);
            else _queuedBy[item.From] = (count - 1, bytes - item.Frame.Length);
            _queued--;
            frame = item.Frame;
            return true;
        }
    }

    /// <summary>A door grain that was never started (a task id no one set up here) goes as soon as it is idle.</summary>
    void LeaveIfNotStarted()
    {
        if (state.State.Setup is null && !_starting) DeactivateOnIdle();
    }

    /// <summary>
    /// A federation message must come from the member of the validator that signed its envelope (<paramref name="from"/>
    /// is what the link authenticated: the TLS peer, or the loopback's sender): a member cannot pass another's messages
    /// off as its own traffic. Claims carry their participant's signature and anyone may pass them on (validators re-send
    /// a height's claims). The signature itself is checked by the validator's inbox.
    /// </summary>
    bool PassedOnByItsSender(byte[] frame, string from)
    {
        if (frame.Length < 2 || frame[0] != ValidatorGrain.FederationKind) return true;
        try { return _members.TryGetValue(FederationMessage.Decode(frame.AsSpan(1)).Sender, out var sender) && sender.Owner == from; }
        catch (InvalidDataException) { return false; }
    }

    public async Task<byte[]?> Answer(byte[] request)
    {
        if (state.State.Setup is not { } setup || _validators is null)
        {
            LeaveIfNotStarted();
            return null;
        }
        var (checkedRequest, refusal) = FederationRequest.Check(request, _taskId, _validators, DateTimeOffset.UtcNow);
        if (checkedRequest is null)
        {
            Interlocked.Increment(ref _refused);
            logger.LogDebug("Member {Member} refused a request: {Refusal}", this.GetPrimaryKeyString(), refusal);
            return null;
        }
        try
        {
            if (checkedRequest.Kind == FederationRequest.BlobKind)
                return store.TryGet(checkedRequest.Blob!.Value, out var blob) ? blob : null;
            // Sealed to the requester's genesis key, never to a key the request brings.
            var requester = _members[checkedRequest.Requester];
            string cid = await GrainFactory.GetGrain<IParticipantGrain>(setup.Participant).SealUpdate(checkedRequest.Round, requester.X25519);
            return store.Get(Cid.Parse(cid));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return null;
        }
    }

    public Task<MemberStatus> Status() => Task.FromResult(new MemberStatus
    {
        ChainHeight = _chainHeight, Height = _height, View = _view, Refused = _refused, Dropped = _dropped, Problems = _problems.ToList(),
    });

    async Task Tick(CancellationToken cancellation)
    {
        var setup = Setup;
        var batch = new List<WireMessage>();
        while (batch.Count < 512 && TryDequeue(out var frame))
            if (LinkFrame.Parse(frame) is { } message) batch.Add(message);
        await FetchNamedModels(batch);
        var validator = GrainFactory.GetGrain<IValidatorGrain>(setup.Participant);
        ValidatorStep step;
        try { step = await validator.Step(batch, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()); }
        catch (Exception e) when (e is InvalidOperationException or OrleansException or TimeoutException)
        {
            Problem($"validator step: {e.Message}");
            return;
        }
        _height = step.Height;
        _view = step.View;
        foreach (var problem in step.RejectedProposals) Problem(problem);
        foreach (var message in step.Messages)
            foreach (string owner in Recipients(message)) link.Post(owner, LinkFrame.Of(message));
        var chain = GrainFactory.GetGrain<IChainGrain>(this.GetPrimaryKeyString());
        if (_chainHeight < 0) _chainHeight = await chain.Height();
        foreach (var bytes in step.Committed)
        {
            var block = Block.Decode(bytes);
            await EnsureModel(block.Header.ModelCid, [block.Header.Leader]);
            try { _chainHeight = await chain.Append(bytes); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { Problem($"chain append {block.Height}: {e.Message}"); }
        }
        if (step.Height > _claimedHeight && step.Height == _chainHeight + 1) StartClaim(step.Height, chain);
    }

    /// <summary>Every owner but this member's, or the step's named recipients.</summary>
    IEnumerable<string> Recipients(WireMessage message)
    {
        var setup = Setup;
        var keysTo = message.To ?? setup.Validator.Validators.Where(v => v.Key != setup.Participant).Select(v => v.Key).ToArray();
        return setup.Validator.Validators.Where(v => keysTo.Contains(v.Key)).Select(v => v.Owner).Distinct();
    }

    /// <summary>Fetches the models that proposals and decisions name and this member lacks.</summary>
    /// <remarks>
    /// Proposals and decisions name a model (the header's sum) that this member must hold to check the block or train on
    /// it: fetched from the signed sender, then from the block's leader; the content id checks what comes back. The
    /// signature is checked only when a model is missing (the validator's inbox checks every message anyway), so no one
    /// can have this member ask around for models without a genesis validator's signature.
    /// </remarks>
    async Task FetchNamedModels(List<WireMessage> batch)
    {
        foreach (var message in batch.Where(m => m.Kind == ValidatorGrain.FederationKind))
        {
            FederationMessage envelope;
            try { envelope = FederationMessage.Decode(message.Bytes); }
            catch (InvalidDataException) { continue; }
            if (envelope.Kind is not (ConsensusMessageCodec.ProposalKind or ConsensusMessageCodec.DecisionKind)) continue;
            Block block;
            try
            {
                block = ConsensusMessageCodec.Decode(envelope.Kind, envelope.Payload) switch
                {
                    ProposalMessage p => p.Proposal.Block,
                    DecisionMessage d => d.Block,
                    _ => throw new InvalidDataException("not a block"),
                };
            }
            catch (InvalidDataException) { continue; }
            if (store.Contains(block.Header.ModelCid) || !envelope.VerifySignature(_validators!, Ed25519Verifier.Instance)) continue;
            await EnsureModel(block.Header.ModelCid, [envelope.Sender, block.Header.Leader]);
        }
    }

    async Task EnsureModel(Cid cid, NodeId[] holders)
    {
        if (store.Contains(cid)) return;
        // Each holder twice: a request or its answer may be lost on the way.
        foreach (var holder in holders.Distinct().SelectMany(h => new[] { h, h }))
        {
            if (!_members.TryGetValue(holder, out var member) || member.Key == Setup.Participant) continue;
            _sequence = FederationMessage.NextSequence(_sequence, DateTimeOffset.UtcNow);
            var answer = await link.Request(member.Owner, FederationRequest.ForBlob(_taskId, _identity!, _sequence, cid), BlobTimeout);
            if (answer is not null && Cid.Of(answer) == cid)
            {
                store.Put(answer);
                return;
            }
        }
    }

    /// <summary>The participant trains on the tip's model and proves, off this grain's turn; its claim goes to every member and to its own validator.</summary>
    void StartClaim(long height, IChainGrain chain)
    {
        _claimedHeight = height;
        var setup = Setup;
        _ = Claim();

        async Task Claim()
        {
            try
            {
                var tip = Block.Decode((await chain.Blocks())[^1]);
                if (tip.Height != height - 1) return;
                var submission = await GrainFactory.GetGrain<IParticipantGrain>(setup.Participant).TrainAndClaim(height, tip.Header.ModelCid.ToString());
                byte[] frame = LinkFrame.Of(ValidatorGrain.ClaimKind, submission.Claim);
                foreach (var v in setup.Validator.Validators.Where(v => v.Key != setup.Participant)) link.Post(v.Owner, frame);
                await Deliver(frame, _members.Values.First(m => m.Key == setup.Participant).Owner);
            }
            catch (Exception e)
            {
                Problem($"claim for height {height}: {e.Message}");
                logger.LogWarning(e, "Member {Member}: the participant's claim for height {Height} failed", this.GetPrimaryKeyString(), height);
            }
        }
    }

    void Problem(string problem)
    {
        lock (_problems)
        {
            if (_problems.Count >= 50) _problems.RemoveAt(0);
            _problems.Add(problem);
        }
    }
}
