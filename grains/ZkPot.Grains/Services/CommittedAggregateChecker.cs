using ZkPot.Circuits;
using ZkPot.Crypto;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>
/// A validator's check of a proposed aggregate, from public data only: the header's model commitment is the sum of the
/// included claims' D; the published sum (values and mask sum, fetched by content id) is a sum over as many models as
/// the block includes and opens that commitment (one MSM over the commitment key); the header's accuracy is the mean
/// model's on the public batch. The validator never sees a single participant's model.
/// </summary>
public sealed class CommittedAggregateChecker(IContentStore store, TaskContext task, CommitmentVerifyingKey key) : IAggregateChecker
{
    public string? Check(BlockHeader previous, BlockHeader proposed, IReadOnlyList<AccuracyClaim> included)
    {
        if (CommittedAggregate.HeaderCommitmentProblem(proposed, included) is { } problem) return problem;
        ModelSum sum;
        try { sum = GlobalModel.LoadSum(store, task, proposed.ModelCid); }
        catch (KeyNotFoundException e) { throw new AggregateUnavailableException($"model sum {proposed.ModelCid} is not in the store", e); }
        // Content-addressed: bytes that do not decode under this id never will.
        catch (InvalidDataException e) { return $"model sum {proposed.ModelCid} cannot be read: {e.Message}"; }
        if (sum.Count != included.Count) return $"the model sum is over {sum.Count} models, the block includes {included.Count}";
        if (ProofCodec.PointId(sum.Commitment(key)) != proposed.ModelCommitment) return "the published model sum does not open the sum of the included commitments";
        int correct = GlobalModel.Mean(task, sum).CountCorrect(task.TestBatch);
        return correct == proposed.GlobalCorrect ? null
            : $"header says {proposed.GlobalCorrect} correct, the mean model classifies {correct} of the test batch";
    }
}
