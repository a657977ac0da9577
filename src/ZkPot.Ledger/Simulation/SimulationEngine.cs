using System.Buffers.Binary;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Simulation;

/// <summary>One seeded run: a discrete-event loop over honest <see cref="ConsensusNode"/>s, a lossy network that heals, and a Byzantine coalition.</summary>
/// <remarks>
/// Byzantine nodes run the honest state machine only to follow the chain; everything it would send is withheld, and
/// they send instead what their role dictates (forged claims, equivocating or noise proposals, coalition votes).
/// </remarks>
sealed class SimulationEngine
{
    enum EventKind { Deliver, Wake, ClaimDue, SecondClaim }

    readonly record struct Event(EventKind Kind, int Node, ConsensusMessage? Message, long Height);

    static readonly ByzantineRole[] AllRoles = Enum.GetValues<ByzantineRole>();

    readonly SimulationOptions _o;
    readonly int _seed;
    readonly int _n;
    readonly SplitMix64 _rng;
    readonly NodeIdentity[] _ids;
    readonly ValidatorSet _validators;
    readonly Hash32 _task;
    readonly ConsensusNode[] _nodes;
    readonly ByzantineRole?[] _roles;
    readonly List<int> _honest = [];
    readonly List<int> _coalition = [];
    readonly StandInProofVerifier _proofs;
    readonly byte[] _genesisRecord;
    readonly InMemoryContentStore _store = new();
    readonly PriorityQueue<Event, (long Time, long Seq)> _queue = new();
    readonly long[] _scheduledWake;
    readonly long _healAt;
    readonly long _partitionEnd;
    readonly bool[] _side;
    readonly Dictionary<long, HashSet<Hash32>> _commits = [];
    readonly HashSet<Hash32> _forged = [];
    readonly HashSet<Hash32> _forgedAccepted = [];
    readonly Dictionary<long, Dictionary<Hash32, AccuracyClaim>> _seenHonestClaims = [];
    readonly Dictionary<Hash32, ClaimRejection> _rejections = [];
    readonly Dictionary<(int Node, long Height), int> _replayAttempts = [];
    long _seq;
    long _now;

    public SimulationEngine(SimulationOptions options, int seed)
    {
        ConsensusSimulation.Validate(options);
        _o = options;
        _seed = seed;
        _n = options.Nodes;
        _rng = new SplitMix64(BinaryPrimitives.ReadUInt64LittleEndian(Derive("rng", 0).ToArray()));
        _ids = Enumerable.Range(0, _n).Select(i => NodeIdentity.FromSeed(Derive("node", i).ToArray())).ToArray();
        _validators = new ValidatorSet(_ids.Select(id => id.Public));
        _task = Derive("task", 0);
        _proofs = new StandInProofVerifier(Derive("standin-master-key", 0).ToArray());

        var order = Enumerable.Range(0, _n).ToList();
        _rng.Shuffle(order);
        _roles = new ByzantineRole?[_n];
        for (int j = 0; j < options.Byzantine; j++)
            _roles[order[j]] = options.Roles is { } dealt ? dealt[j % dealt.Count]
                : AllRoles[(int)(((long)j + seed) % AllRoles.Length + AllRoles.Length) % AllRoles.Length];
        for (int i = 0; i < _n; i++) (_roles[i] is null ? _honest : _coalition).Add(i);

        _healAt = _rng.Range(options.HealMinMs, options.HealMaxMs);
        _partitionEnd = _rng.Range(_healAt / 2, _healAt + 1);
        _side = Enumerable.Range(0, _n).Select(_ => (_rng.Next() & 1) == 1).ToArray();

        var genesisModel = new SimModel(0, options.TestSamples / 10, options.TestSamples, Derive("genesis-model", 0));
        var g = SimAggregator.Store(_store, [], genesisModel, genesisModel.Correct);
        _genesisRecord = new GenesisRecord(_task, new Dictionary<string, string>
        {
            ["kind"] = "consensus-sim",
            ["seed"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["test_samples"] = options.TestSamples.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, _validators, _proofs.Scheme, _proofs.Parameters).Encode();
        var genesis = Block.Assemble(_task, 0, Hash32.Sha256(_genesisRecord), 0, g.ModelCid, g.ModelCommitment, g.GlobalCorrect, g.GlobalSamples, default, [], []);
        var config = new ConsensusConfig
        {
            TaskId = _task,
            TestSamples = options.TestSamples,
            ClaimWindow = options.ClaimWindowMs,
            ViewTimeout = options.ViewTimeoutMs,
            ViewTimeoutGrowth = options.ViewTimeoutGrowthMs,
            MaxViewTimeout = options.MaxViewTimeoutMs,
        };
        var signatures = new MemoizingSignatureVerifier(Ed25519Verifier.Instance);
        var claimVerifier = new ClaimVerifier(_proofs, signatures);
        _nodes = _ids.Select(id => new ConsensusNode(config, id, _validators, genesis, claimVerifier,
                                                       new SimAggregator(_store), new SimAggregateChecker(_store), signatures)).ToArray();
        _scheduledWake = Enumerable.Repeat(long.MinValue, _n).ToArray();
    }

    public SimulationRunResult Run()
    {
        for (int i = 0; i < _n; i++) Apply(i, _nodes[i].Start(0));
        while (_queue.TryDequeue(out var e, out var at))
        {
            _now = at.Time;
            if (_now > _o.MaxSimulatedMs || AllHonestDone()) break;
            switch (e.Kind)
            {
                case EventKind.Deliver:
                    if (_roles[e.Node] is not null) Observe(e.Message!);
                    Apply(e.Node, _nodes[e.Node].Receive(e.Message!, _now));
                    break;
                case EventKind.Wake:
                    if (_now >= _nodes[e.Node].NextDeadline) Apply(e.Node, _nodes[e.Node].Tick(_now));
                    break;
                case EventKind.ClaimDue:
                    SubmitClaim(e.Node, e.Height);
                    break;
                case EventKind.SecondClaim:
                    SendSecondClaim(e.Node, e.Height);
                    break;
            }
        }
        return Result();
    }

    bool AllHonestDone() => _honest.All(i => _nodes[i].Chain.Tip.Height >= _o.Rounds);

    void Apply(int node, NodeOutput output)
    {
        bool honest = _roles[node] is null;
        if (honest)
        {
            foreach (var block in output.Committed) RecordCommit(block);
            if (node == _honest[0])
                foreach (var v in output.Claims)
                    if (v.Rejection is not (ClaimRejection.None or ClaimRejection.Duplicate)) _rejections.TryAdd(v.ClaimId, v.Rejection);
        }
        foreach (long height in output.EnteredHeights)
            Enqueue(new Event(EventKind.ClaimDue, node, null, height), _now + _rng.Range(_o.ProveMinMs, _o.ProveMaxMs));
        foreach (var message in output.Broadcast)
        {
            if (honest) SendToAll(node, message);
            else if (message is ProposalMessage { Proposal: var p } && p.Proposer == _ids[node].Id) Attack(node, p);
            // Everything else a Byzantine node's state machine would send (votes, relays, catch-up) is withheld.
        }
        if (honest)
            foreach (var (to, message) in output.Direct) Send(node, IndexOf(to), message);
        long deadline = _nodes[node].NextDeadline;
        if (deadline != long.MaxValue && deadline != _scheduledWake[node])
        {
            _scheduledWake[node] = deadline;
            Enqueue(new Event(EventKind.Wake, node, null, 0), Math.Max(deadline, _now));
        }
    }

    void RecordCommit(Block block)
    {
        if (!_commits.TryGetValue(block.Height, out var hashes)) _commits[block.Height] = hashes = [];
        hashes.Add(block.Hash);
        foreach (var c in block.Claims)
            if (_forged.Contains(c.Id)) _forgedAccepted.Add(c.Id);
    }

    void Observe(ConsensusMessage message)
    {
        if (message is not ClaimMessage { Claim: var c } || _roles[IndexOf(c.Participant)] is not null) return;
        if (!_seenHonestClaims.TryGetValue(c.Round, out var byId)) _seenHonestClaims[c.Round] = byId = [];
        byId.TryAdd(c.Id, c);
    }

    int IndexOf(NodeId id)
    {
        for (int i = 0; i < _n; i++)
            if (_ids[i].Id == id) return i;
        throw new InvalidOperationException($"node {id} is not part of this simulation");
    }

    void SubmitClaim(int node, long height)
    {
        if (_nodes[node].Height != height) return;
        var me = _ids[node];
        int samples = _o.TestSamples;
        int truth = TrueCount(node, height);
        var commitment = Derive($"weights/{height}", node);
        byte[] Prove(int count) => StandInProofVerifier.Prove(_proofs.ProverKeyFor(me.Id), _task, height, me.Id, commitment, count, samples);
        AccuracyClaim Make(int count, byte[] proof) => AccuracyClaim.Create(_task, height, me, commitment, count, samples, proof);
        switch (_roles[node])
        {
            case null or ByzantineRole.EquivocatingLeader or ByzantineRole.NoiseAggregate:
                SendToAll(node, new ClaimMessage(Make(truth, Prove(truth))));
                break;
            case ByzantineRole.ClaimEquivocator:
                SendToAll(node, new ClaimMessage(Make(truth, Prove(truth))));
                // After the claim window the honest nodes rank, the leader proposes and they prevote and lock.
                Enqueue(new Event(EventKind.SecondClaim, node, null, height), _now + _o.ClaimWindowMs + _rng.Range(100, 800));
                break;
            case ByzantineRole.Flooder:
                SendToAll(node, new ClaimMessage(Make(truth, Prove(truth))));
                Flood(node, height);
                break;
            case ByzantineRole.InvalidProof:
                var junk = new byte[StandInProofVerifier.ProofSize];
                _rng.Fill(junk);
                Forge(node, Make(truth, junk));
                break;
            case ByzantineRole.InflatedClaim:
                Forge(node, Make(Math.Min(samples, truth + samples / 4), Prove(truth)));
                break;
            case ByzantineRole.ReplayedClaim:
                if (_seenHonestClaims.TryGetValue(height, out var seen) && seen.Count > 0)
                {
                    var victim = seen.Values.OrderByDescending(c => c.CorrectCount).ThenBy(c => c.Participant).First();
                    Forge(node, AccuracyClaim.Create(_task, height, me, victim.WeightsCommitment, victim.CorrectCount, samples, victim.Proof));
                    // Also replay last round's honest claims verbatim: they must be refused as the wrong round.
                    if (_seenHonestClaims.TryGetValue(height - 1, out var old))
                        foreach (var c in old.Values) SendToAll(node, new ClaimMessage(c));
                }
                else
                {
                    var key = (node, height);
                    int tries = _replayAttempts.GetValueOrDefault(key);
                    _replayAttempts[key] = tries + 1;
                    if (tries < 20) Enqueue(new Event(EventKind.ClaimDue, node, null, height), _now + 100);
                }
                break;
        }
    }

    /// <summary>A second valid claim for the same round (another model, its true proof), to one honest node only.</summary>
    void SendSecondClaim(int node, long height)
    {
        var me = _ids[node];
        var commitment = Derive($"second-weights/{height}", node);
        int count = TrueCount(node, height);
        var proof = StandInProofVerifier.Prove(_proofs.ProverKeyFor(me.Id), _task, height, me.Id, commitment, count, _o.TestSamples);
        var target = _honest[(int)(_rng.Next() % (ulong)_honest.Count)];
        Send(node, target, new ClaimMessage(AccuracyClaim.Create(_task, height, me, commitment, count, _o.TestSamples, proof)));
    }

    /// <summary>Signed votes for made-up blocks at far views, and claims with junk proofs: what the honest nodes' bounds are for.</summary>
    void Flood(int node, long height)
    {
        var me = _ids[node];
        for (int view = 20; view < 80; view++)
        {
            var hash = Derive($"flood/{height}/{view}", node);
            foreach (var kind in new[] { VoteKind.Prevote, VoteKind.Precommit })
                SendTo(node, _honest, new VoteMessage(Vote.Create(_task, kind, height, view, hash, me)));
        }
        for (int i = 0; i < 10; i++)
        {
            var junk = new byte[StandInProofVerifier.ProofSize];
            _rng.Fill(junk);
            Forge(node, AccuracyClaim.Create(_task, height, me, Derive($"flood-weights/{height}/{i}", node), _o.TestSamples, _o.TestSamples, junk));
        }
    }

    void Forge(int node, AccuracyClaim claim)
    {
        _forged.Add(claim.Id);
        SendToAll(node, new ClaimMessage(claim));
    }

    /// <summary>Accuracy the node's training really reached; leader roles train well so that they get elected.</summary>
    int TrueCount(int node, long height)
    {
        ulong x = BinaryPrimitives.ReadUInt64LittleEndian(Derive($"accuracy/{height}", node).ToArray());
        int s = _o.TestSamples;
        return _roles[node] is ByzantineRole.EquivocatingLeader or ByzantineRole.NoiseAggregate
            ? s * 95 / 100 + (int)(x % (ulong)Math.Max(1, s / 20))
            : s * 60 / 100 + (int)(x % (ulong)Math.Max(1, s * 30 / 100));
    }

    void Attack(int node, Proposal honestProposal)
    {
        var role = _roles[node]!.Value;
        if (role is not (ByzantineRole.EquivocatingLeader or ByzantineRole.NoiseAggregate))
        {
            SendToAll(node, new ProposalMessage(honestProposal));
            return;
        }
        // Fresh blocks for this view, whatever the (withheld) state machine wanted to re-propose.
        var previous = _nodes[node].Chain.Tip.Header;
        int view = honestProposal.View;
        var claims = honestProposal.Block.Claims;
        var evidence = honestProposal.Block.Evidence;
        Block Fresh(AggregateResult? result) => result is not { } r ? throw new InvalidOperationException("no aggregate") : Block.Assemble(_task, previous.Height + 1, previous.Hash, view, r.ModelCid, r.ModelCommitment,
                                                         r.GlobalCorrect, r.GlobalSamples, _ids[node].Id, claims, evidence);
        var a = Fresh(new SimAggregator(_store).Aggregate(previous, previous.Height + 1, claims));
        var everyone = Enumerable.Range(0, _n).ToList();
        if (role == ByzantineRole.EquivocatingLeader)
        {
            var b = Fresh(new SimAggregator(_store, variant: 1).Aggregate(previous, a.Height, claims));
            var honest = _honest.ToList();
            _rng.Shuffle(honest);
            int half = (honest.Count + 1) / 2;
            var groupA = honest.Take(half).Concat(_coalition).ToList();
            var groupB = honest.Skip(half).Concat(_coalition).ToList();
            SendTo(node, groupA, new ProposalMessage(Proposal.Create(_task, view, -1, a, _ids[node])));
            SendTo(node, groupB, new ProposalMessage(Proposal.Create(_task, view, -1, b, _ids[node])));
            CoalitionVotes(a, view, groupA);
            CoalitionVotes(b, view, groupB);
        }
        else
        {
            var noise = new SimModel(a.Height, _o.TestSamples / 10, _o.TestSamples, Derive($"noise/{a.Height}/{view}", node));
            var n = Fresh(SimAggregator.Store(_store, claims, noise, a.Header.GlobalCorrect));
            SendTo(node, everyone, new ProposalMessage(Proposal.Create(_task, view, -1, n, _ids[node])));
            CoalitionVotes(n, view, everyone);
        }
    }

    void CoalitionVotes(Block block, int view, List<int> recipients)
    {
        foreach (int member in _coalition)
            foreach (var kind in new[] { VoteKind.Prevote, VoteKind.Precommit })
                SendTo(member, recipients, new VoteMessage(Vote.Create(_task, kind, block.Height, view, block.Hash, _ids[member])));
    }

    void SendToAll(int from, ConsensusMessage message)
    {
        for (int to = 0; to < _n; to++) Send(from, to, message);
    }

    void SendTo(int from, List<int> recipients, ConsensusMessage message)
    {
        foreach (int to in recipients) Send(from, to, message);
    }

    void Send(int from, int to, ConsensusMessage message)
    {
        long delay;
        if (from == to) delay = 0;
        else if (_now < _healAt)
        {
            if (_now < _partitionEnd && _side[from] != _side[to]) return;
            if (_rng.NextDouble() < _o.DropRate) return;
            delay = _rng.Range(_o.MinDelayMs, _o.MaxDelayMs);
        }
        else delay = _rng.Range(_o.MinDelayMs, _o.HealedMaxDelayMs);
        Enqueue(new Event(EventKind.Deliver, to, message, 0), _now + delay);
    }

    void Enqueue(Event e, long time) => _queue.Enqueue(e, (time, _seq++));

    Hash32 Derive(string label, int index)
    {
        Span<byte> input = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(input, _seed);
        BinaryPrimitives.WriteInt32LittleEndian(input[4..], index);
        return Hash32.Tagged("zkpot/sim/" + label, input);
    }

    SimulationRunResult Result()
    {
        var reference = _nodes[_honest[0]].Chain.Blocks;
        var counted = reference.Skip(1).Take(_o.Rounds).ToList();
        var rejections = _rejections.Values.GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        return new SimulationRunResult
        {
            Seed = _seed,
            ByzantineNodes = _coalition,
            Roles = _coalition.Select(i => _roles[i]!.Value).ToList(),
            HealAtMs = _healAt,
            EndedAtMs = _now,
            RoundsCommitted = _honest.Min(i => (int)Math.Min(_o.Rounds, _nodes[i].Chain.Tip.Height)),
            SafetyViolations = _commits.Values.Sum(h => h.Count - 1),
            ViewChanges = counted.Sum(b => b.Certificate!.View),
            ByzantineClaimsSubmitted = _forged.Count,
            ByzantineClaimsAccepted = _forgedAccepted.Count,
            EvidenceRecorded = counted.Sum(b => b.Evidence.Count),
            ClaimRejections = rejections,
            ReferenceChain = reference.ToList(),
            Validators = _validators,
            ProofVerifier = _proofs,
            GenesisRecord = _genesisRecord,
        };
    }
}
