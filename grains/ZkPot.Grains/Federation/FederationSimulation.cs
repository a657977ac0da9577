using System.Diagnostics;
using ZkPot.Grains.Services;
using ZkPot.Grains.Simulation;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Federation;

/// <summary>How the members of an embedded federation are run: their clocks, the link's faults, how long to wait.</summary>
public sealed record FederationOptions
{
    public ConsensusTiming Timing { get; init; } = new();
    public LinkFaults Faults { get; init; } = LinkFaults.None;
    public int TickMs { get; init; } = 50;
    /// <summary>How long every honest member may take to commit one more height before the run gives up.</summary>
    public TimeSpan HeightTimeout { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>A federation run: the simulation's rounds (from an honest member's chain), whether every honest replica agrees, and the bytes each member sent.</summary>
/// <param name="Acted">For each Byzantine member, how many times its code deviated from the protocol.</param>
/// <param name="Cut">Messages the link's partition cut.</param>
public sealed record FederationResult(SimulationResult Simulation, bool Agreed, IReadOnlyDictionary<string, long> BytesSent, IReadOnlyList<MemberStatus> Members,
                                      IReadOnlyDictionary<string, int> Acted, long Cut = 0);

/// <summary>
/// The embedded federation: every participant is a member with its own cluster, storage and keys
/// (<see cref="MemberCluster"/>), the last <c>Byzantine</c> ones run an <see cref="Adversary.Adversary"/>'s code, and
/// they meet only over a <see cref="LoopbackFederation"/>. This class plays the task's publisher and the members'
/// operators at setup (the ceremony, then each member told the genesis and started); after that it only watches: the
/// members run the rounds on their own clocks, and no one relays or knows who is Byzantine.
/// </summary>
public sealed class FederationSimulation(SimulationSettings settings, FederationOptions options)
{
    public TaskSpec Task { get; } = FederatedSimulation.TaskOf(settings, "members/v1");

    public static string OwnerOf(int index) => $"owner{index}";

    public async Task<FederationResult> RunAsync(string? exportDirectory, IProgress<SimulationProgress>? progress = null)
    {
        int n = settings.Participants, f = settings.Byzantine;
        if (n < 1) throw new ArgumentException($"--participants must be at least 1, got {n}");
        if (f < 0 || f >= n) throw new ArgumentException($"--byzantine must be in [0, {n - 1}] (member 0 publishes the task), got {f}");
        var total = Stopwatch.StartNew();
        var dealt = AttackNames.Deal(settings.Attack, f, members: true);
        var keyOf = Enumerable.Range(0, n).Select(i => FederatedSimulation.KeyOf(i, n)).ToArray();
        var attacks = Enumerable.Range(0, n).ToDictionary(i => keyOf[i], i => i >= n - f ? dealt[i - (n - f)] : AttackKind.None);
        string taskHex = Convert.ToHexStringLower(Task.TaskId);
        var federation = new LoopbackFederation(options.Faults);
        string keyRoot = Directory.CreateTempSubdirectory("zkpot-members-").FullName;
        var members = new List<MemberCluster>();
        var adversaries = new Dictionary<int, Adversary.Adversary>();
        try
        {
            for (int i = 0; i < n; i++)
            {
                var adversary = attacks[keyOf[i]] == AttackKind.None ? null : Adversary.Adversary.For(attacks[keyOf[i]]);
                if (adversary is not null) adversaries[i] = adversary;
                members.Add(await MemberCluster.StartAsync(OwnerOf(i), taskHex, federation, new KeyStore(Path.Combine(keyRoot, OwnerOf(i))), gpu: false,
                                                           adversary, keyOf[i]));
                progress?.Report(new("setup", $"member {OwnerOf(i)} up{(adversary is null ? "" : " (Byzantine)")}", i + 1, n + 2));
            }
            var publisher = members[0];
            var setupMembers = members.Select((m, i) => new SetupMember(m.Owner, keyOf[i], m.Grains, m.Content)).ToList();
            var (keys, record, _, ceremony) = await FederationSetup.RunAsync(Task, settings, setupMembers, options, progress);
            var context = TaskContext.For(Task);
            double setupSeconds = total.Elapsed.TotalSeconds;
            progress?.Report(new("setup", $"{n} members started", n + 2, n + 2));

            var honest = Enumerable.Range(0, n).Where(i => !adversaries.ContainsKey(i)).ToList();
            var chains = await WaitForHeight(members, honest, settings.Rounds, progress);
            bool agreed = Agreed(chains);
            var blocks = chains.MaxBy(c => c.Count)!;
            var byId = keys.ToDictionary(k => k.NodeId);
            var reports = Enumerable.Range(1, blocks.Count - 1).Select(h => Report(blocks[h - 1], blocks[h], byId, attacks)).ToList();
            double final = GlobalModel.Mean(context, GlobalModel.LoadSum(publisher.Content, context, blocks[^1].Header.ModelCid))
                .Accuracy(FashionMnist.Load(settings.DataDirectory).Test);
            if (exportDirectory is not null) FederatedSimulation.Export(exportDirectory, publisher.Content, blocks, record, ceremony, Task);
            var statuses = new List<MemberStatus>();
            foreach (var m in members) statuses.Add(await m.Door.Status());
            var sent = members.ToDictionary(m => m.Owner, m => federation.BytesSentBy(m.Owner));
            var result = new SimulationResult(reports, final, exportDirectory, attacks, setupSeconds, total.Elapsed.TotalSeconds, blocks[0].Hash.ToString());
            var acted = adversaries.ToDictionary(a => keyOf[a.Key], a => a.Value.Acted);
            return new FederationResult(result, agreed, sent, statuses, acted, federation.Cut);
        }
        finally
        {
            foreach (var m in members) await m.DisposeAsync();
            Directory.Delete(keyRoot, recursive: true);
        }
    }

    /// <summary>Polls the honest members' chains until each holds <paramref name="rounds"/> blocks after genesis; throws when one height takes too long.</summary>
    async Task<List<List<Block>>> WaitForHeight(List<MemberCluster> members, List<int> honest, int rounds, IProgress<SimulationProgress>? progress)
    {
        var clock = Stopwatch.StartNew();
        long lowest = 0;
        while (true)
        {
            var chains = new List<List<Block>>();
            foreach (int i in honest)
                chains.Add((await members[i].Grains.GetGrain<IChainGrain>(members[i].TaskHex).Blocks()).Select(b => Block.Decode(b)).ToList());
            long low = chains.Min(c => c.Count - 1L);
            if (low > lowest)
            {
                lowest = low;
                clock.Restart();
                progress?.Report(new($"round {low}", $"every honest member committed height {low}", (int)low, rounds));
            }
            if (low >= rounds) return chains;
            if (clock.Elapsed > options.HeightTimeout)
            {
                var problems = new List<string>();
                foreach (int i in honest) problems.AddRange((await members[i].Door.Status()).Problems.TakeLast(3).Select(p => $"{members[i].Owner}: {p}"));
                throw new TimeoutException($"height {lowest + 1} not committed by every honest member within {options.HeightTimeout.TotalSeconds:F0} s; last problems: {string.Join("; ", problems)}");
            }
            await System.Threading.Tasks.Task.Delay(200);
        }
    }

    /// <summary>Safety: at every height two honest replicas both hold, they hold the same block.</summary>
    static bool Agreed(List<List<Block>> chains) =>
        chains.All(c => chains.All(d => c.Zip(d).All(p => p.First.Hash == p.Second.Hash)));

    static RoundReport Report(Block previous, Block block, Dictionary<string, NodeKeys> byId, Dictionary<string, AttackKind> attacks)
    {
        string KeyOf(Ledger.Identity.NodeId id) => byId.TryGetValue(id.ToString(), out var k) ? k.Key : id.ToString();
        var included = AggregationRule.Included(block.Claims, previous.Header).Select(c => KeyOf(c.Participant)).ToList();
        string leader = KeyOf(block.Header.Leader);
        var inBlock = block.Claims.Select(c => KeyOf(c.Participant)).ToHashSet();
        // A poisoned model is a true claim: it is included by design when its proven count reaches half the best, and
        // counts here only if it got in below that (what the evaluation measures is its effect on accuracy).
        int best = block.Claims.Max(c => c.CorrectCount);
        var proven = block.Claims.ToDictionary(c => KeyOf(c.Participant), c => c.CorrectCount);
        int byzantine = attacks.Count(a => a.Value switch
        {
            AttackKind.LabelFlip or AttackKind.SignFlip or AttackKind.NoiseUpdate or AttackKind.PoisonScale =>
                included.Contains(a.Key) && 2 * proven[a.Key] < best,
            AttackKind.InflatedClaim or AttackKind.ForgedProof or AttackKind.ReplayedProof => inBlock.Contains(a.Key),
            AttackKind.LeaderSubstitute or AttackKind.LeaderDrop or AttackKind.NoiseLeader => leader == a.Key,
            _ => false,
        });
        return new RoundReport
        {
            Round = block.Height, Committed = true, BlockHash = block.Hash.ToString(), Leader = leader,
            LeaderCorrect = block.Claims.First(c => c.Participant == block.Header.Leader).CorrectCount,
            GlobalCorrect = block.Header.GlobalCorrect, TestSamples = block.Header.GlobalSamples, View = block.Certificate?.View ?? block.Header.View,
            Evidence = block.Evidence.Count, Aggregated = included, ByzantineAccepted = byzantine,
            Accepted = block.Claims.Select(c => new ClaimOutcome { Participant = KeyOf(c.Participant), Reason = "None", Correct = c.CorrectCount }).ToList(),
            Rejected = attacks.Keys.Where(k => !inBlock.Contains(k)).Select(k => new ClaimOutcome { Participant = k, Reason = "NotIncluded" }).ToList(),
        };
    }
}
