using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ZkPot.Grains.Services;
using ZkPot.Grains.State;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;

namespace ZkPot.Grains.Grains;

/// <summary>
/// Drives one round of a single organisation's cluster (the relayed <c>simulate --gateway</c>): opens it on the chain
/// tip's global model, collects claims until the deadline, then relays the validators' consensus messages in passes
/// (each validator gets what the others sent in the previous pass) and advances logical time by a view when the network
/// is quiet, until every validator committed the height. The relay carries signed bytes and knows nothing of attacks:
/// Byzantine members run as members of their own in the federation (docs/PROTOCOL.md §9.1). The block goes to the chain
/// grain before the report is stored, so a retried round finds it there.
/// </summary>
public sealed class RoundGrain([PersistentState("round", "zkpot")] IPersistentState<RoundState> state, ILogger<RoundGrain> logger) : Grain, IRoundGrain
{
    readonly List<ClaimSubmission> _observed = [];

    bool _running;

    public Task<List<ClaimSubmission>> Observed() => Task.FromResult(_observed.ToList());

    public Task<bool> IsRunning() => Task.FromResult(_running);

    public async Task<RoundReport> Run(RoundPlan plan)
    {
        _running = true;
        try { return await RunOnce(plan); }
        finally { _running = false; }
    }

    async Task<RoundReport> RunOnce(RoundPlan plan)
    {
        if (state.State.Report is { Committed: true } done) return done;
        long round = this.GetPrimaryKeyLong();
        if (plan.Round != round) throw new ArgumentException($"plan is for round {plan.Round}, this is round {round}");
        using var activity = ZkPotTelemetry.Activities.StartActivity("zkpot.round");
        var wall = Stopwatch.StartNew();
        var chain = GrainFactory.GetGrain<IChainGrain>(Convert.ToHexStringLower(plan.Task.TaskId));
        var blocks = await chain.Blocks();
        if (blocks.Count == 0) throw new InvalidOperationException("the chain has no genesis block");
        if (blocks.Count > round)
            return await Finish(plan, chain, Block.Decode(blocks[(int)round - 1]).Header, Block.Decode(blocks[(int)round]), [], new Dictionary<string, string>(), 0, 0, 0, 0, 0, wall);
        if (blocks.Count != round) throw new InvalidOperationException($"round {round} cannot start: the chain's tip is block {blocks.Count - 1}");
        var tip = Block.Decode(blocks[^1]);

        var submissions = await Collect(plan, round, tip.Header.ModelCid.ToString());
        double trainProve = wall.Elapsed.TotalSeconds;
        var consensusClock = Stopwatch.StartNew();
        var problems = new List<string>();
        var (block, verdicts, verifySeconds, verified, views) = await Consensus(plan, round, submissions, problems);
        if (block is null)
        {
            logger.LogWarning("Round {Round} did not commit within {Views} views", round, plan.MaxViews);
            var failed = new RoundReport { Round = round, Committed = false, TestSamples = plan.Task.TestSamples, TrainProveSeconds = trainProve, ConsensusSeconds = consensusClock.Elapsed.TotalSeconds,
                Problems = [.. verdicts.Select(v => $"claim of {v.Key}: {v.Value}"), .. problems.Take(10)] };
            state.State.Report = failed;
            await state.WriteStateAsync();
            return failed;
        }
        await chain.Append(block.Encode());
        double proveMax = submissions.Select(s => s.ProveSeconds).DefaultIfEmpty(0).Max();
        return await Finish(plan, chain, tip.Header, block, submissions, verdicts, verifySeconds, verified, proveMax, trainProve, views, wall, consensusClock.Elapsed.TotalSeconds, problems);
    }

    async Task<List<ClaimSubmission>> Collect(RoundPlan plan, long round, string globalCid)
    {
        _observed.Clear();
        async Task One(NodeKeys participant)
        {
            for (int attempt = 0; ; attempt++)
            {
                try
                {
                    _observed.Add(await GrainFactory.GetGrain<IParticipantGrain>(participant.Key).TrainAndClaim(round, globalCid));
                    return;
                }
                catch (Exception e) when (attempt < 2 && e is not ArgumentException)
                {
                    // The participant's silo may have gone; its grain re-activates elsewhere and the same claim comes back.
                    logger.LogWarning(e, "Participant {Participant} failed in round {Round}; retrying", participant.Key, round);
                }
            }
        }
        var all = Task.WhenAll(plan.Participants.Select(One));
        await Task.WhenAny(all, Task.Delay(plan.ClaimDeadline));
        return _observed.ToList();
    }

    async Task<(Block?, Dictionary<string, string>, double, int, int)> Consensus(RoundPlan plan, long round, List<ClaimSubmission> submissions, List<string> problems)
    {
        var keys = plan.Participants.Select(p => p.Key).ToList();
        var inbox = keys.ToDictionary(k => k, _ => submissions.Select(s => new WireMessage { Kind = ValidatorGrain.ClaimKind, Bytes = s.Claim, From = s.Participant }).ToList());
        var committed = new Dictionary<string, byte[]>();
        var verdicts = new Dictionary<string, string>();
        long now = round * ValidatorGrain.RoundSpacing;
        double verifySeconds = 0;
        int verified = 0, timeouts = 0;
        for (int pass = 0; pass < 10_000; pass++)
        {
            bool quiet = inbox.Values.All(l => l.Count == 0);
            if (quiet && keys.All(committed.ContainsKey)) break;
            if (quiet && pass > 0)
            {
                if (++timeouts > plan.MaxViews) return (null, verdicts, verifySeconds, verified, timeouts);
                now += ValidatorGrain.ViewLength;
            }
            var batch = inbox.ToDictionary(p => p.Key, p => p.Value);
            foreach (var k in keys) inbox[k] = [];
            var steps = await Task.WhenAll(keys.Select(async k =>
            {
                try { return (k, await GrainFactory.GetGrain<IValidatorGrain>(k).Step(batch[k], now)); }
                catch (Exception e) when (e is OrleansException or TimeoutException or InvalidOperationException)
                {
                    // A validator on a dead silo misses this pass; it rebuilds from the chain and its last vote on the next.
                    logger.LogWarning(e, "Validator {Validator} failed a step in round {Round}", k, round);
                    return (k, (ValidatorStep?)null);
                }
            }));
            foreach (var (k, step) in steps)
            {
                if (step is null) continue;
                verifySeconds += step.VerifySeconds;
                if (problems.Count < 50) problems.AddRange(step.RejectedProposals.Select(p => $"{k}: {p}"));
                verified += step.ProofsVerified;
                foreach (var b in step.Committed)
                    if (Block.Decode(b).Height == round) committed.TryAdd(k, b);
                foreach (var v in step.Verdicts.Where(v => v.Reason != "Duplicate")) verdicts.TryAdd(v.Participant, v.Reason);
                foreach (var m in step.Messages)
                    foreach (var to in m.To ?? keys.Where(x => x != k).ToArray()) inbox[to].Add(m);
            }
        }
        var first = committed.Values.FirstOrDefault();
        return (first is null ? null : Block.Decode(first), verdicts, verifySeconds, verified, timeouts);
    }

    async Task<RoundReport> Finish(RoundPlan plan, IChainGrain chain, BlockHeader previous, Block block, List<ClaimSubmission> submissions, Dictionary<string, string> verdicts,
                                   double verifySeconds, int verified, double proveMax, double trainProve, int views, Stopwatch wall, double consensusSeconds = 0,
                                   List<string>? problems = null)
    {
        var byId = plan.Participants.ToDictionary(p => p.NodeId);
        string leader = byId.TryGetValue(block.Header.Leader.ToString(), out var l) ? l.Key : block.Header.Leader.ToString();
        var inBlock = block.Claims.ToDictionary(c => byId.TryGetValue(c.Participant.ToString(), out var k) ? k.Key : c.Participant.ToString());
        // Which updates went in follows from the block alone (AggregationRule), whatever its leader says.
        var aggregated = AggregationRule.Included(block.Claims, previous).Select(c => byId.TryGetValue(c.Participant.ToString(), out var k) ? k.Key : c.Participant.ToString()).ToList();
        var report = new RoundReport
        {
            Round = block.Height, Committed = true, BlockHash = block.Hash.ToString(), Leader = leader,
            LeaderCorrect = block.Claims.First(c => c.Participant == block.Header.Leader).CorrectCount,
            GlobalCorrect = block.Header.GlobalCorrect, TestSamples = block.Header.GlobalSamples,
            ProveSecondsMax = proveMax, VerifySecondsTotal = verifySeconds, ProofsVerified = verified, TrainProveSeconds = trainProve,
            ConsensusSeconds = consensusSeconds, View = block.Certificate?.View ?? block.Header.View, Evidence = block.Evidence.Count, Aggregated = aggregated,
            Problems = (problems ?? []).Take(10).ToList(),
        };
        var submitted = submissions.Select(s => s.Participant).ToHashSet();
        var provedOn = submissions.GroupBy(s => s.Participant).ToDictionary(g => g.Key, g => g.Last().ProverSilo);
        foreach (var p in plan.Participants)
        {
            if (inBlock.TryGetValue(p.Key, out var claim))
                report.Accepted.Add(new ClaimOutcome { Participant = p.Key, Reason = "None", Correct = claim.CorrectCount, ProvedOn = provedOn.GetValueOrDefault(p.Key, "") });
            else
            {
                string reason = verdicts.TryGetValue(p.Key, out var r) && r != "None" ? r : submitted.Contains(p.Key) ? "NotIncluded" : "Late";
                report.Rejected.Add(new ClaimOutcome { Participant = p.Key, Reason = reason });
                if (reason is not ("BadProof" or "BadSignature")) ZkPotTelemetry.ProofsRejected.Add(1, new KeyValuePair<string, object?>("reason", ZkPotTelemetry.ReasonTag(reason)));
            }
        }
        ZkPotTelemetry.RoundDuration.Record(wall.Elapsed.TotalSeconds);
        ZkPotTelemetry.RoundsCommitted.Add(1);
        if (report.View > 0) ZkPotTelemetry.ViewChanges.Add(report.View);
        ZkPotTelemetry.Committed(block.Height, report.GlobalAccuracy);
        state.State.Report = report;
        await state.WriteStateAsync();
        return report;
    }
}
