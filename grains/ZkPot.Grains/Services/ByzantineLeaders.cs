using ZkPot.Circuits;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>
/// What a Byzantine leader proposes instead of the honest aggregate: its own code, speaking the protocol (signed
/// proposal, valid claims, a stored sum), with the header commitment the honest one (the sum of the included D, which
/// every validator recomputes) and a model sum that is not the included models' sum. Each is what today's
/// fetch-and-re-evaluate check would have accepted; the opening check refuses it.
/// </summary>
public static class ByzantineLeaders
{
    /// <summary>The leader's own model in place of the mean: its opening repeated once per included claim.</summary>
    public static AggregateResult? Substitute(IContentStore store, TaskContext task,
        IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings, NodeId leader)
    {
        var claims = Usable(ranked, openings);
        var included = AggregationRule.Included(claims);
        if (!included.Any(c => c.Participant == leader)) return null;
        var own = openings[leader];
        var sum = ModelSum.Of(included.Select(_ => own).ToList());
        return Publish(store, task, claims, included, sum);
    }

    /// <summary>One included update (not the leader's own) left out of the sum, the count and the header kept.</summary>
    public static AggregateResult? Drop(IContentStore store, TaskContext task,
        IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings, NodeId leader)
    {
        var claims = Usable(ranked, openings);
        var included = AggregationRule.Included(claims);
        if (!included.Any(c => c.Participant == leader)) return null;
        var victim = included.FirstOrDefault(c => c.Participant != leader);
        var kept = included.Where(c => c != victim).ToList();
        var partial = ModelSum.Of(kept.Select(c => openings[c.Participant]).ToList());
        return Publish(store, task, claims, included, partial with { Count = included.Count });
    }

    static List<AccuracyClaim> Usable(IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings) =>
        ranked.Where(c => openings.ContainsKey(c.Participant)).OrderBy(c => c.Participant).ToList();

    static AggregateResult Publish(IContentStore store, TaskContext task, List<AccuracyClaim> claims, IReadOnlyList<AccuracyClaim> included, ModelSum sum)
    {
        var cid = store.Put(sum.Encode());
        int correct = GlobalModel.Mean(task, sum).CountCorrect(task.TestBatch);
        return new AggregateResult(claims, cid, CommittedAggregate.SumOfCommitments(included), correct, task.Spec.TestSamples);
    }
}
