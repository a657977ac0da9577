using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Simulation;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Tests;

/// <summary>A few consensus nodes wired by an in-order, lossless message queue; tests drop or inject messages and move the clock.</summary>
sealed class Cluster
{
    readonly Queue<(int To, ConsensusMessage Message)> _queue = new();

    /// <param name="configure">Changes to the test configuration (e.g. a bound turned off, to show the attack it stops).</param>
    /// <param name="claims">The claim verifier every node uses (e.g. one that counts proof checks).</param>
    public Cluster(int n, Func<int, IContentStore, IAggregator>? aggregator = null, Func<int, LastVote?>? lastVote = null,
                   Func<ConsensusConfig, ConsensusConfig>? configure = null, IClaimVerifier? claims = null)
    {
        Ids = Fixtures.Identities(n);
        Validators = Fixtures.Validators(Ids);
        Genesis = Fixtures.Genesis(Store);
        var config = new ConsensusConfig { TaskId = Fixtures.Task, TestSamples = Fixtures.Samples, ClaimWindow = 1000, ViewTimeout = 1500, ViewTimeoutGrowth = 500 };
        config = configure?.Invoke(config) ?? config;
        Nodes = Enumerable.Range(0, n).Select(i => new ConsensusNode(config, Ids[i], Validators, Genesis, claims ?? Fixtures.ClaimVerifier,
            aggregator?.Invoke(i, Store) ?? new SimAggregator(Store), new SimAggregateChecker(Store), lastVote: lastVote?.Invoke(i))).ToArray();
        Outputs = Enumerable.Range(0, n).Select(_ => new List<NodeOutput>()).ToArray();
    }

    public NodeIdentity[] Ids { get; }
    public ValidatorSet Validators { get; }
    public InMemoryContentStore Store { get; } = new();
    public Block Genesis { get; }
    public ConsensusNode[] Nodes { get; }
    public long Now { get; private set; }

    /// <summary>Every output of every node, in order.</summary>
    public List<NodeOutput>[] Outputs { get; }

    /// <summary>Every (sender, message) broadcast so far.</summary>
    public List<(int From, ConsensusMessage Message)> Sent { get; } = [];

    /// <summary>Returns false to drop a message (from, to, message).</summary>
    public Func<int, int, ConsensusMessage, bool> Link { get; set; } = (_, _, _) => true;

    public void Start()
    {
        for (int i = 0; i < Nodes.Length; i++) Absorb(i, Nodes[i].Start(Now));
        Pump();
    }

    public void SubmitClaims(long round, params int[] correct)
    {
        for (int i = 0; i < correct.Length; i++) Broadcast(i, new ClaimMessage(Fixtures.Claim(Ids[i], round, correct[i])));
        Pump();
    }

    public void Broadcast(int from, ConsensusMessage message)
    {
        Sent.Add((from, message));
        for (int to = 0; to < Nodes.Length; to++)
            if (Link(from, to, message)) _queue.Enqueue((to, message));
    }

    public void Deliver(int to, ConsensusMessage message)
    {
        _queue.Enqueue((to, message));
        Pump();
    }

    /// <summary>Moves the clock, ticking nodes whose deadline passed, until <paramref name="time"/>.</summary>
    public void AdvanceTo(long time)
    {
        while (true)
        {
            long next = Nodes.Min(n => n.NextDeadline);
            if (next > time) break;
            Now = Math.Max(Now, next);
            for (int i = 0; i < Nodes.Length; i++)
                if (Nodes[i].NextDeadline <= Now) Absorb(i, Nodes[i].Tick(Now));
            Pump();
        }
        Now = time;
    }

    public IEnumerable<Vote> VotesBy(int node) =>
        Sent.Where(s => s.From == node && s.Message is VoteMessage).Select(s => ((VoteMessage)s.Message).Vote);

    public IEnumerable<Block> Committed(int node) => Outputs[node].SelectMany(o => o.Committed);

    void Pump()
    {
        while (_queue.TryDequeue(out var item)) Absorb(item.To, Nodes[item.To].Receive(item.Message, Now));
    }

    void Absorb(int node, NodeOutput output)
    {
        Outputs[node].Add(output);
        foreach (var m in output.Broadcast) Broadcast(node, m);
        foreach (var (to, m) in output.Direct)
        {
            int index = Array.FindIndex(Ids, id => id.Id == to);
            Sent.Add((node, m));
            if (Link(node, index, m)) _queue.Enqueue((index, m));
        }
    }
}
