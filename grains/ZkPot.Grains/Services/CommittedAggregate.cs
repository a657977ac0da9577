using ZkPot.Circuits;
using ZkPot.Crypto;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Identity;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>
/// An honest leader's block content in the committed domain: the claims whose openings it holds and checked against
/// their D go into the block; the included ones (<see cref="AggregationRule"/>) are summed, with their masks; the sum is
/// stored and the header carries the sum of their D. The leader must itself be included, so it leaves out the claims
/// that would push it out, as few as it can (they lead earlier views).
/// </summary>
public static class CommittedAggregate
{
    /// <summary>A round's openings, by participant, each already checked against its claim's D (see <see cref="Opens"/>).</summary>
    public static AggregateResult? Make(IContentStore store, TaskContext task, BlockHeader previous, NodeId leader,
        IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings)
    {
        var claims = AggregationRule.ForLeader(ranked.Where(c => openings.ContainsKey(c.Participant)), leader, previous);
        if (claims is null) return null;
        var included = AggregationRule.Included(claims, previous);
        return Publish(store, task, claims, included, ModelSum.Of(included.Select(c => openings[c.Participant]).ToList()));
    }

    /// <summary>
    /// Stores <paramref name="sum"/> and states the block content: the claims, the sum's content id, the sum of the
    /// included claims' D as the header commitment and the mean model's count. Whether the sum really opens that
    /// commitment is what validators check (an honest leader's does: its openings were checked one by one).
    /// </summary>
    public static AggregateResult Publish(IContentStore store, TaskContext task, IReadOnlyList<AccuracyClaim> claims,
        IReadOnlyList<AccuracyClaim> included, ModelSum sum)
    {
        var cid = store.Put(sum.Encode());
        int correct = GlobalModel.Mean(task, sum).CountCorrect(task.TestBatch);
        return new AggregateResult(claims, cid, ProofCodec.PointId(SumOfCommitments(included)), correct, task.Spec.TestSamples);
    }

    /// <summary>True when the opening's values and mask commit to the claim's D.</summary>
    public static bool Opens(CommitmentVerifyingKey key, AccuracyClaim claim, ModelOpening opening)
    {
        G1Affine d;
        try { d = ProofCodec.PointFrom(claim.WeightsCommitment, "commitment"); }
        catch (InvalidDataException) { return false; }
        return opening.Opens(key, d);
    }

    /// <summary>The sum of the claims' D; InvalidDataException names a claim whose commitment is not a point.</summary>
    public static G1Affine SumOfCommitments(IEnumerable<AccuracyClaim> claims)
    {
        var total = G1Jacobian.Infinity;
        foreach (var c in claims) total = total.AddMixed(ProofCodec.PointFrom(c.WeightsCommitment, $"commitment of {c.Participant}"));
        return total.ToAffine();
    }

    /// <summary>Null when the header's model commitment is the sum of the included claims' D (checkable from the chain alone); otherwise why not.</summary>
    public static string? HeaderCommitmentProblem(BlockHeader header, IReadOnlyList<AccuracyClaim> included)
    {
        Ledger.Crypto.Hash32 expected;
        try { expected = ProofCodec.PointId(SumOfCommitments(included)); }
        catch (InvalidDataException e) { return e.Message; }
        return header.ModelCommitment == expected ? null
            : $"model commitment {header.ModelCommitment} is not the sum of the {included.Count} included claims' commitments ({expected})";
    }
}
