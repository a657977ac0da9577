using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;

namespace ZkPot.Ledger.Consensus;

/// <summary>One validator's ZKPoT consensus as a pure state machine: messages and the current time go in, messages to broadcast and decisions come out.</summary>
/// <remarks>
/// Per height (= FL round): collect claims for ClaimWindow, then views 0, 1, ...; the leader of view v is the v-th
/// best verified claim (wrapping). Two voting steps as in Tendermint: prevote for a valid proposal from the rightful
/// leader (nil otherwise), precommit and lock after 2f+1 prevotes for it, commit on 2f+1 precommits. A lock is only
/// overridden by a re-proposal carrying 2f+1 prevotes from a view at or after the lock, which is what keeps two
/// different blocks from both gathering a quorum at one height. No clocks, no randomness, no I/O.
/// Memory is bounded whatever the others send: votes and proposals only within a window of views, at most two
/// checked claims per participant, blocks no larger than the validator set. A node that sees signed votes from later
/// heights and makes no progress asks for the blocks it lacks (block sync) and commits each on its certificate.
/// </remarks>
public sealed class ConsensusNode
{
    enum Step { Collect, Propose, Prevote, Precommit }

    readonly ConsensusConfig _config;
    readonly NodeIdentity _identity;
    readonly ValidatorSet _validators;
    readonly IClaimVerifier _claimVerifier;
    readonly IAggregator _aggregator;
    readonly IAggregateChecker _checker;
    readonly ISignatureVerifier _signatures;
    readonly VoteGuard _guard;
    readonly ChainState _chain;
    readonly Dictionary<Hash32, EquivocationEvidence> _pendingEvidence = [];
    readonly HashSet<Hash32> _soundEvidence = [];
    readonly SortedDictionary<long, List<ConsensusMessage>> _future = [];

    long _height;
    int _view;
    Step _step;
    long _claimDeadline;
    long _viewDeadline;
    ClaimPool _claims = null!;
    readonly Dictionary<(int View, NodeId Proposer), Proposal> _proposals = [];
    readonly Dictionary<Hash32, Block> _blocks = [];
    readonly Dictionary<Hash32, string?> _aggregateVerdicts = [];
    readonly VoteBook _votes;
    readonly HashSet<int> _polkaHandled = [];
    readonly HashSet<int> _resentViews = [];
    Block? _validBlock;
    int _validView;
    Block? _lastDecision;
    bool _started;
    long _enteredAt;
    long _highestSeen;
    long _lastSyncRequest = long.MinValue;
    readonly Dictionary<NodeId, long> _syncAnswered = [];

    /// <param name="committed">Blocks after genesis this node already committed (from its own storage), replayed without re-checking.</param>
    /// <param name="lastVote">Persisted signing state; a fresh one when the validator never signed.</param>
    public ConsensusNode(ConsensusConfig config, NodeIdentity identity, ValidatorSet validators, Block genesis,
                         IClaimVerifier claimVerifier, IAggregator aggregator, IAggregateChecker aggregateChecker,
                         ISignatureVerifier? signatureVerifier = null, LastVote? lastVote = null, IEnumerable<Block>? committed = null)
    {
        if (genesis.Header.TaskId != config.TaskId) throw new ArgumentException($"genesis is for task {genesis.Header.TaskId}, the config for {config.TaskId}", nameof(genesis));
        if (!validators.Contains(identity.Id)) throw new ArgumentException($"node {identity.Id} is not in the validator set", nameof(identity));
        if (config.TestSamples <= 0) throw new ArgumentException($"TestSamples must be positive, got {config.TestSamples}", nameof(config));
        _config = config;
        _identity = identity;
        _validators = validators;
        _claimVerifier = claimVerifier;
        _aggregator = aggregator;
        _checker = aggregateChecker;
        _signatures = signatureVerifier ?? Ed25519Verifier.Instance;
        _guard = new VoteGuard(identity, config.TaskId, lastVote ?? new LastVote());
        _votes = new VoteBook(validators.Quorum);
        _chain = new ChainState(genesis);
        foreach (var block in committed ?? []) _chain.Append(block);
    }

    public NodeId Id => _identity.Id;

    /// <summary>The height being decided.</summary>
    public long Height => _height;

    /// <summary>The current view; -1 while claims are still being collected.</summary>
    public int View => _view;

    public ChainState Chain => _chain;

    /// <summary>Signing state to persist after every step, before that step's messages leave.</summary>
    public LastVote LastVote => _guard.State;

    /// <summary>Evidence seen but not yet in a committed block; the next block this node proposes carries it.</summary>
    public IReadOnlyCollection<EquivocationEvidence> PendingEvidence => _pendingEvidence.Values;

    /// <summary>The current height's accepted claims, best first.</summary>
    public IReadOnlyList<AccuracyClaim> RankedClaims => _claims.Ranked;

    /// <summary>Votes and proposals held for the current height: what a flood could grow (for tests of the bounds).</summary>
    internal (int Votes, int Proposals) Held => (_votes.Stored, _proposals.Count);

    /// <summary>Messages waiting for later heights (for tests of the bounds).</summary>
    internal int Buffered => _future.Values.Sum(l => l.Count);

    /// <summary>When the host must call <see cref="Tick"/> next.</summary>
    public long NextDeadline => _view < 0 ? _claimDeadline : _viewDeadline;

    /// <summary>The rightful leader of a view of the current height by this node's claims, or null when it has none.</summary>
    public NodeId? LeaderOf(int view)
    {
        var ranked = _claims.Ranked;
        return ranked.Count == 0 ? null : ranked[view % ranked.Count].Participant;
    }

    public NodeOutput Start(long now)
    {
        if (_started) throw new InvalidOperationException($"node {Id} is already started");
        _started = true;
        var output = new NodeOutput();
        EnterHeight(_chain.Tip.Height + 1, now, output);
        Evaluate(now, output);
        return output;
    }

    public NodeOutput Receive(ConsensusMessage message, long now)
    {
        RequireStarted();
        var output = new NodeOutput();
        if (message is SyncRequestMessage request) AnswerSync(request, now, output);
        else Handle(message, now, output);
        Evaluate(now, output);
        RequestSyncIfBehind(now, output);
        return output;
    }

    public NodeOutput Tick(long now)
    {
        RequireStarted();
        var output = new NodeOutput();
        if (_view < 0)
        {
            if (now >= _claimDeadline) StartView(0, now, output);
        }
        else if (now >= _viewDeadline) OnViewTimeout(now, output);
        Evaluate(now, output);
        RequestSyncIfBehind(now, output);
        return output;
    }

    void RequireStarted()
    {
        if (!_started) throw new InvalidOperationException($"node {Id} is not started; call Start first");
    }

    static long HeightOf(ConsensusMessage message) => message switch
    {
        ClaimMessage c => c.Claim.Round,
        ProposalMessage p => p.Proposal.Height,
        VoteMessage v => v.Vote.Height,
        DecisionMessage d => d.Block.Height,
        SyncRequestMessage => throw new ArgumentException("a sync request has no height of its own", nameof(message)),
        _ => throw new ArgumentException($"unknown message type {message.GetType().Name}", nameof(message)),
    };

    void Handle(ConsensusMessage message, long now, NodeOutput output)
    {
        long height = HeightOf(message);
        if (height > _height)
        {
            Buffer(height, message);
            return;
        }
        switch (message)
        {
            case ClaimMessage c:
                AdmitClaim(c.Claim, output);
                break;
            case ProposalMessage p when height == _height:
                OnProposal(p.Proposal, relay: true, output);
                break;
            case VoteMessage v when height == _height:
                OnVote(v.Vote, output);
                break;
            case DecisionMessage d when height == _height:
                OnDecision(d.Block, now, output);
                break;
        }
    }

    /// <summary>
    /// A message for a later height. A signed vote or a decision from there says someone is ahead (block sync; a forged
    /// decision height costs at most a sync request). Within <see cref="ConsensusConfig.FutureHeights"/> it is kept,
    /// screened as it would be then, so what waits is bounded by its size too: proposals and votes signed by a validator
    /// and within the view window, blocks no larger than the validator set, at most two proposals per proposer and height.
    /// </summary>
    void Buffer(long height, ConsensusMessage message)
    {
        bool kept = height <= _height + _config.FutureHeights;
        if (!kept && height <= _highestSeen) return;
        bool signedVote = message is VoteMessage { Vote: var vote } && vote.TaskId == _config.TaskId && vote.VerifySignature(_validators, _signatures);
        if (signedVote || message is DecisionMessage) _highestSeen = Math.Max(_highestSeen, height);
        if (!kept) return;
        if (!_future.TryGetValue(height, out var list)) _future[height] = list = [];
        if (list.Count >= _config.MaxBufferedPerHeight) return;
        bool keep = message switch
        {
            ProposalMessage { Proposal: var p } => p.View <= _config.ViewWindow && SizeProblem(p.Block) is null
                && list.Count(m => m is ProposalMessage { Proposal: var q } && q.Proposer == p.Proposer) < 2
                && p.Statement.TaskId == _config.TaskId && p.VerifySignature(_validators, _signatures),
            VoteMessage { Vote: var v } => signedVote && v.View <= _config.ViewWindow,
            DecisionMessage { Block: var b } => SizeProblem(b) is null && list.Count(m => m is DecisionMessage) < 2,
            _ => true,
        };
        if (keep) list.Add(message);
    }

    void EnterHeight(long height, long now, NodeOutput output)
    {
        _height = height;
        _view = -1;
        _step = Step.Collect;
        _claimDeadline = now + _config.ClaimWindow;
        _viewDeadline = long.MaxValue;
        _enteredAt = now;
        _lastSyncRequest = long.MinValue;
        _claims = new ClaimPool(_config.TaskId, _config.TestSamples, height, _validators, _chain, _claimVerifier, _signatures);
        _proposals.Clear();
        _blocks.Clear();
        _aggregateVerdicts.Clear();
        _votes.Clear();
        _polkaHandled.Clear();
        _resentViews.Clear();
        _validBlock = null;
        _validView = -1;
        output.EnteredHeights.Add(height);
        foreach (long stale in _future.Keys.Where(k => k < height).ToList()) _future.Remove(stale);
        if (_future.Remove(height, out var pending))
            foreach (var message in pending)
            {
                if (_height != height) break;
                Handle(message, now, output);
            }
    }

    void StartView(int view, long now, NodeOutput output)
    {
        _view = view;
        _step = Step.Propose;
        _viewDeadline = now + _config.TimeoutOf(view);
        if (LeaderOf(view) == Id) Propose(output);
    }

    void OnViewTimeout(long now, NodeOutput output)
    {
        if (_step == Step.Propose) SignVote(VoteKind.Prevote, Hash32.Zero, output);
        if (_step != Step.Precommit) SignVote(VoteKind.Precommit, Hash32.Zero, output);
        _step = Step.Precommit;
        // Re-send what others may have lost: the round's claims and the last decision (for nodes a height behind).
        foreach (var claim in _claims.Ranked.Concat(_claims.Offences)) output.Broadcast.Add(new ClaimMessage(claim));
        if (_lastDecision is not null) output.Broadcast.Add(new DecisionMessage(_lastDecision));
        // The timer alone moves a node on only when a quorum has been in this view: a node that got ahead alone waits
        // there (re-sending its votes) for the others to reach it, instead of running away from them view after view.
        if (_votes.VotersAtOrAbove(_view) >= _validators.Quorum) StartView(_view + 1, now, output);
        else
        {
            foreach (var vote in _votes.By(Id, _view)) output.Broadcast.Add(new VoteMessage(vote));
            _viewDeadline = now + _config.TimeoutOf(_view);
        }
    }

    void Propose(NodeOutput output)
    {
        Block block;
        int validView;
        if (_validBlock is not null)
        {
            block = _validBlock;
            validView = _validView;
            // The prevotes that justify the re-proposal, for validators that missed them.
            foreach (var vote in _votes.For(VoteKind.Prevote, validView, block.Hash)) output.Broadcast.Add(new VoteMessage(vote));
        }
        else
        {
            var tip = _chain.Tip.Header;
            // What an honest leader offers: the claims it ranked, less those that would leave it out of the aggregate.
            if (AggregationRule.ForLeader(_claims.Ranked, Id, tip) is not { } claims || claims.Count < _validators.Quorum) return;
            var evidence = _pendingEvidence.Values.Where(e => !_chain.HasEvidence(e.Id)).ToList();
            if (_aggregator.Aggregate(tip, _height, claims) is not { } aggregate || aggregate.Claims.Count < _validators.Quorum) return;
            block = Block.Assemble(_config.TaskId, _height, tip.Hash, _view, aggregate.ModelCid, aggregate.ModelCommitment,
                                   aggregate.GlobalCorrect, aggregate.GlobalSamples, Id, aggregate.Claims, evidence);
            validView = -1;
        }
        var proposal = _guard.TrySignProposal(_view, validView, block);
        if (proposal is null) return;
        output.Broadcast.Add(new ProposalMessage(proposal));
        OnProposal(proposal, relay: false, output);
    }

    void AdmitClaim(AccuracyClaim claim, NodeOutput output)
    {
        int offences = _claims.Offences.Count;
        var (verdict, evidence) = _claims.Admit(claim);
        // A participant just disqualified here: every honest node must drop it too, or their rankings (and leaders) part.
        for (int i = offences; i < _claims.Offences.Count; i++) output.Broadcast.Add(new ClaimMessage(_claims.Offences[i]));
        output.Claims.Add(new ClaimVerdict(claim.Id, claim.Participant, claim.Round, verdict));
        if (evidence is not null) AddEvidence(evidence, output);
    }

    void AddEvidence(EquivocationEvidence evidence, NodeOutput output)
    {
        // One piece per offender is enough to exclude it: an equivocator signing without end cannot grow this list.
        if (_chain.HasEvidence(evidence.Id) || _chain.Excluded.Contains(evidence.Offender)
            || _pendingEvidence.Values.Any(e => e.Offender == evidence.Offender) || !_pendingEvidence.TryAdd(evidence.Id, evidence)) return;
        _soundEvidence.Add(evidence.Id);
        output.Evidence.Add(evidence);
    }

    void OnProposal(Proposal proposal, bool relay, NodeOutput output)
    {
        if (proposal.Statement.TaskId != _config.TaskId || proposal.View > WindowEnd) return;
        if (!proposal.VerifySignature(_validators, _signatures))
        {
            output.RejectedProposals.Add($"height {_height} view {proposal.View}: proposal claiming to be from {proposal.Proposer} has a bad signature");
            return;
        }
        // Refused on the counts alone, before it is stored or any of its claims is looked at.
        if (SizeProblem(proposal.Block) is { } size)
        {
            output.RejectedProposals.Add($"height {_height} view {proposal.View} block {proposal.Block.Hash} from {proposal.Proposer}: {size}");
            return;
        }
        var key = (proposal.View, proposal.Proposer);
        if (_proposals.TryGetValue(key, out var first))
        {
            if (first.Statement != proposal.Statement) AddEvidence(EquivocationEvidence.Of(first, proposal), output);
            return;
        }
        _proposals[key] = proposal;
        _blocks.TryAdd(proposal.Block.Hash, proposal.Block);
        if (relay) output.Broadcast.Add(new ProposalMessage(proposal));
        // The body's claims are signed by their participants: they join this node's ranking whoever relayed them.
        foreach (var claim in proposal.Block.Claims) AdmitClaim(claim, output);
    }

    void OnVote(Vote vote, NodeOutput output)
    {
        if (vote.TaskId != _config.TaskId || !vote.VerifySignature(_validators, _signatures)) return;
        if (vote.View > WindowEnd) _votes.NoteView(vote);
        else RecordVote(vote, output);
        // A validator still in an earlier view: this node's votes from that view let it reach a quorum there and
        // move on at once (2f+1 nil precommits), so it catches up with a node that went ahead. Once per view.
        if (vote.View < _view && vote.Voter != Id && _resentViews.Add(vote.View))
            foreach (var own in _votes.By(Id, vote.View)) output.Broadcast.Add(new VoteMessage(own));
    }

    /// <summary>The last view whose votes and proposals this node keeps.</summary>
    long WindowEnd => (long)Math.Max(_view, 0) + _config.ViewWindow;

    /// <summary>
    /// Block sync: when others are more heights ahead than decisions are buffered for, or ahead at all while this node
    /// has made no progress for a view timeout, it asks everyone for the blocks from its height on: at once after each
    /// commit, then again each view timeout while it stays behind.
    /// </summary>
    void RequestSyncIfBehind(long now, NodeOutput output)
    {
        if (_highestSeen <= _height) return;
        if (_highestSeen <= _height + _config.FutureHeights && now - _enteredAt < _config.ViewTimeout) return;
        if (_lastSyncRequest != long.MinValue && now - _lastSyncRequest < _config.ViewTimeout) return;
        _lastSyncRequest = now;
        output.Broadcast.Add(new SyncRequestMessage(Id, _height));
    }

    /// <summary>
    /// Sends a validator the committed blocks it asked for, as decisions (each carries its certificate), one batch per
    /// requester per view timeout whatever heights it asks for: requests cannot make this node send without end.
    /// </summary>
    void AnswerSync(SyncRequestMessage request, long now, NodeOutput output)
    {
        long tip = _chain.Tip.Height;
        if (request.Requester == Id || !_validators.Contains(request.Requester) || request.FromHeight < 1 || request.FromHeight > tip) return;
        if (_syncAnswered.TryGetValue(request.Requester, out long last) && now - last < _config.ViewTimeout) return;
        _syncAnswered[request.Requester] = now;
        long end = Math.Min(tip, request.FromHeight + _config.FutureHeights);
        for (long h = request.FromHeight; h <= end; h++) output.Direct.Add((request.Requester, new DecisionMessage(_chain.Blocks[(int)h])));
    }

    void RecordVote(Vote vote, NodeOutput output)
    {
        var evidence = _votes.Add(vote, _blocks.ContainsKey);
        if (evidence is not null) AddEvidence(evidence, output);
    }

    void OnDecision(Block block, long now, NodeOutput output)
    {
        var header = block.Header;
        if (header.TaskId != _config.TaskId || header.Round != header.Height || header.PreviousHash != _chain.Tip.Hash
            || block.CommitProblem(_validators, _signatures) is not null) return;
        Commit(block, block.Certificate!, now, output);
    }

    void SignVote(VoteKind kind, Hash32 blockHash, NodeOutput output)
    {
        var vote = _guard.TrySignVote(kind, _height, _view, blockHash);
        if (vote is null) return;
        output.Broadcast.Add(new VoteMessage(vote));
        RecordVote(vote, output);
    }

    void Evaluate(long now, NodeOutput output)
    {
        // Each rule that fires moves the state forward (new height, later view or later step), so this ends.
        while (true)
        {
            if (TryCommit(now, output) || TrySkipView(now, output)) continue;
            if (_view < 0) return;
            if (_step == Step.Propose && TryPrevote(output)) continue;
            if (_step != Step.Propose && TryPolka(output)) continue;
            if (_step == Step.Prevote && HasQuorum(VoteKind.Prevote, _view, Hash32.Zero))
            {
                SignVote(VoteKind.Precommit, Hash32.Zero, output);
                _step = Step.Precommit;
                continue;
            }
            if (_step == Step.Precommit && HasQuorum(VoteKind.Precommit, _view, Hash32.Zero))
            {
                StartView(_view + 1, now, output);
                continue;
            }
            return;
        }
    }

    bool TryCommit(long now, NodeOutput output)
    {
        foreach (var (kind, view, hash) in _votes.Quorums)
        {
            if (kind != VoteKind.Precommit || hash.IsZero) continue;
            if (!_blocks.TryGetValue(hash, out var block) || block.Header.PreviousHash != _chain.Tip.Hash) continue;
            var certificate = QuorumCertificate.FromPrecommits(_votes.For(VoteKind.Precommit, view, hash));
            Commit(block, certificate, now, output);
            return true;
        }
        return false;
    }

    void Commit(Block block, QuorumCertificate certificate, long now, NodeOutput output)
    {
        var committed = block.WithCertificate(certificate);
        _chain.Append(committed);
        foreach (var e in committed.Evidence) _pendingEvidence.Remove(e.Id);
        _lastDecision = committed;
        output.Committed.Add(committed);
        output.Broadcast.Add(new DecisionMessage(committed));
        EnterHeight(_height + 1, now, output);
    }

    bool TrySkipView(long now, NodeOutput output)
    {
        // f+1 validators already in a later view include an honest one: follow it (catch-up after a partition).
        int target = _votes.HighestViewWithVoters(_view, _validators.MaxFaulty + 1);
        if (target < 0) return false;
        StartView(target, now, output);
        return true;
    }

    bool TryPrevote(NodeOutput output)
    {
        var leader = LeaderOf(_view);
        if (leader is null || !_proposals.TryGetValue((_view, leader.Value), out var proposal)) return false;
        var block = proposal.Block;
        int validView = proposal.Statement.ValidView;
        string? problem = CheckBlock(block);
        if (problem is null)
        {
            if (validView < 0)
            {
                if (block.Header.View != _view || block.Header.Leader != proposal.Proposer)
                    problem = $"a fresh proposal at view {_view} carries a block made at view {block.Header.View} by {block.Header.Leader}";
            }
            else if (!HasQuorum(VoteKind.Prevote, validView, block.Hash)) return false;
        }
        if (problem is null && _guard.LockAt(_height) is { } locked && locked.BlockHash != block.Hash && !(validView >= 0 && locked.View <= validView))
            problem = $"locked on block {locked.BlockHash} since view {locked.View}";
        if (problem is not null) output.RejectedProposals.Add($"height {_height} view {_view} block {block.Hash} from {proposal.Proposer}: {problem}");
        SignVote(VoteKind.Prevote, problem is null ? block.Hash : Hash32.Zero, output);
        _step = Step.Prevote;
        return true;
    }

    bool TryPolka(NodeOutput output)
    {
        if (_polkaHandled.Contains(_view)) return false;
        foreach (var (kind, view, hash) in _votes.Quorums)
        {
            if (kind != VoteKind.Prevote || view != _view || hash.IsZero || !_blocks.TryGetValue(hash, out var block) || CheckBlock(block) is not null) continue;
            _polkaHandled.Add(_view);
            _validBlock = block;
            _validView = _view;
            if (_step == Step.Prevote)
            {
                SignVote(VoteKind.Precommit, hash, output);
                _step = Step.Precommit;
            }
            return true;
        }
        return false;
    }

    /// <summary>
    /// Everything about a block that does not depend on who proposed it or when, as a function of the block and the
    /// chain only (docs/PROTOCOL.md, "Deterministic rules"): null when valid.
    /// </summary>
    string? CheckBlock(Block block)
    {
        var h = block.Header;
        var tip = _chain.Tip.Header;
        if (h.TaskId != _config.TaskId) return $"task {h.TaskId} is not {_config.TaskId}";
        if (h.Height != _height || h.Round != _height) return $"height {h.Height} / round {h.Round}, expected {_height}";
        if (h.PreviousHash != tip.Hash) return $"previous hash {h.PreviousHash} is not the tip {tip.Hash}";
        if (h.GlobalSamples != _config.TestSamples) return $"global accuracy is over {h.GlobalSamples} samples, the task has {_config.TestSamples}";
        // Bounds first, on the counts alone: a padded block costs no hashing, no signature and no proof check.
        if (SizeProblem(block) is { } size) return size;
        string? body = block.CheckBody();
        if (body is not null) return body;
        if (block.Claims.Count < _validators.Quorum)
            return $"the block carries {block.Claims.Count} claims, fewer than the quorum {_validators.Quorum}: a leader may leave out at most f";
        var proofs = new HashSet<Hash32>();
        for (int i = 0; i < block.Claims.Count; i++)
        {
            var claim = block.Claims[i];
            var verdict = _claims.Validate(claim);
            if (verdict != ClaimRejection.None) return $"claim {i} by {claim.Participant} is not acceptable ({verdict})";
            if (!proofs.Add(claim.ProofDigest)) return $"claim {i} by {claim.Participant} repeats another claim's proof";
        }
        var included = AggregationRule.Included(block.Claims, tip);
        if (!included.Any(c => c.Participant == h.Leader)) return $"leader {h.Leader} has no included claim in the block";
        for (int i = 0; i < block.Evidence.Count; i++)
        {
            var e = block.Evidence[i];
            if (_chain.HasEvidence(e.Id)) return $"evidence {i} is already recorded";
            if (_soundEvidence.Contains(e.Id)) continue;
            string? why = e.Check(_config.TaskId, _validators, _signatures);
            if (why is not null) return $"evidence {i}: {why}";
            _soundEvidence.Add(e.Id);
        }
        if (!_aggregateVerdicts.TryGetValue(block.Hash, out string? aggregate))
        {
            try { _aggregateVerdicts[block.Hash] = aggregate = _checker.Check(tip, h, included); }
            catch (AggregateUnavailableException e) { return "aggregate not available yet: " + e.Message; }
        }
        return aggregate is null ? null : "aggregate rejected: " + aggregate;
    }

    /// <summary>At most one claim per participant, and at most one piece of evidence per validator (one excludes it).</summary>
    string? SizeProblem(Block block) =>
        block.Claims.Count > _validators.Count ? $"the block carries {block.Claims.Count} claims, more than the {_validators.Count} participants (one claim each)"
        : block.Evidence.Count > _validators.Count ? $"the block carries {block.Evidence.Count} pieces of evidence, more than the {_validators.Count} validators (one each is enough)"
        : null;

    bool HasQuorum(VoteKind kind, int view, Hash32 hash) => _votes.Count(kind, view, hash) >= _validators.Quorum;
}
