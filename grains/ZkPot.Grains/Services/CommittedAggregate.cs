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
    public static AggregateResult? Make(IContentStore store, TaskContext task, CommitmentVerifyingKey key, BlockHeader previous, NodeId leader,
        IReadOnlyList<AccuracyClaim> ranked, IReadOnlyDictionary<NodeId, ModelOpening> openings)
    {
        var claims = AggregationRule.ForLeader(ranked.Where(c => openings.ContainsKey(c.Participant)), leader, previous);
        return claims is null ? null : Publish(store, task, key, claims, AggregationRule.Included(claims, previous), openings);
    }

    static AggregateResult Publish(IContentStore store, TaskContext task, CommitmentVerifyingKey key, List<AccuracyClaim> claims,
        IReadOnlyList<AccuracyClaim> included, IReadOnlyDictionary<NodeId, ModelOpening> openings)
    {
        var sum = ModelSum.Of(included.Select(c => openings[c.Participant]).ToList());
        var (cid, commitment, correct) = GlobalModel.Store(store, task, key, sum);
        return new AggregateResult(claims, cid, commitment, correct, task.Spec.TestSamples);
    }

    /// <summary>True when the opening's values and mask commit to the claim's D.</summary>
    public static bool Opens(CommitmentVerifyingKey key, AccuracyClaim claim, ModelOpening opening)
    {
        G1Affine d;
        try { d = ProofCodec.PointFrom(claim.WeightsCommitment, "commitment"); }
        catch (InvalidDataException) { return false; }
        return opening.Opens(key, d);
    }

    /// <summary>The header commitment of a set of claims: the sum of their D.</summary>
    public static Ledger.Crypto.Hash32 SumOfCommitments(IEnumerable<AccuracyClaim> claims)
    {
        var total = G1Jacobian.Infinity;
        foreach (var c in claims) total = total.AddMixed(ProofCodec.PointFrom(c.WeightsCommitment, "commitment"));
        return ProofCodec.PointId(total.ToAffine());
    }
}
