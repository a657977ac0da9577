using ZkPot.Circuits;
using ZkPot.Grains.Services;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Adversary;

/// <summary>
/// What a Byzantine leader (<see cref="LeaderAggregate"/>) proposes instead of the honest aggregate: its own code,
/// speaking the protocol (signed proposal, valid claims, a stored sum), with the header commitment the honest one (the
/// sum of the included D, which every validator recomputes) and a model sum that is not the included models' sum. Each
/// is what today's fetch-and-re-evaluate check would have accepted; the opening check refuses it.
/// </summary>
public static class ByzantineLeaders
{
    /// <summary>
    /// A model of the leader's own in place of the mean: the previous global model trained on the public test batch
    /// until it scores well there (a backdoor-friendly model that looks better than any honest update), stated as the
    /// mean of as many models as the block includes.
    /// </summary>
    public static AggregateResult? Substitute(IContentStore store, TaskContext task, BlockHeader previousHeader, ModelSum previous,
        IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings, NodeId leader)
    {
        var claims = Usable(ranked, openings);
        var included = AggregationRule.Included(claims, previousHeader);
        if (!included.Any(c => c.Participant == leader)) return null;
        var start = GlobalModel.Mean(task, previous).Dequantize(task.Format);
        var tuned = (FloatMlp)SgdTrainer.Train(start, task.TestBatch, new SgdOptions { Epochs = 100, Seed = 1, LearningRate = 0.05f }).Model;
        var values = task.Quantize(tuned).CommittedValues();
        var sum = new ModelSum(included.Count, values.Select(v => v * included.Count).ToArray(), Fr.Zero);
        return CommittedAggregate.Publish(store, task, claims, included, sum);
    }

    /// <summary>One included update left out of the sum (another's if there is one, else the leader's own), the count and the header kept.</summary>
    public static AggregateResult? Drop(IContentStore store, TaskContext task, BlockHeader previousHeader,
        IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings, NodeId leader)
    {
        var claims = Usable(ranked, openings);
        var included = AggregationRule.Included(claims, previousHeader);
        if (!included.Any(c => c.Participant == leader)) return null;
        var victim = included.FirstOrDefault(c => c.Participant != leader) ?? included[0];
        var kept = included.Where(c => c != victim).Select(c => openings[c.Participant]).ToList();
        var values = kept.Count == 0 ? new long[openings[leader].Values.Length] : ModelSum.Of(kept).Sums;
        var mask = kept.Aggregate(Fr.Zero, (m, o) => m + o.Mask);
        return CommittedAggregate.Publish(store, task, claims, included, new ModelSum(included.Count, values, mask));
    }

    static List<AccuracyClaim> Usable(IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings) =>
        ranked.Where(c => openings.ContainsKey(c.Participant)).OrderBy(c => c.Participant).ToList();
}
