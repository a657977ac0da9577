using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Services;

/// <summary>A validator's own check of a proposed global model: fetch it by content id, re-derive commitment and accuracy, and refuse one below the inclusion threshold (noise or poisoning).</summary>
public sealed class GlobalModelChecker(IContentStore store, TaskContext task) : IAggregateChecker
{
    public string? Check(BlockHeader previous, BlockHeader proposed, IReadOnlyList<AccuracyClaim> claims)
    {
        float[] parameters;
        try { parameters = GlobalModel.Load(store, task, proposed.ModelCid); }
        catch (Exception e) when (e is KeyNotFoundException or InvalidDataException) { return $"global model {proposed.ModelCid} cannot be read: {e.Message}"; }
        var (commitment, correct) = GlobalModel.Evaluate(task, parameters);
        if (commitment != proposed.ModelCommitment) return $"model commitment {proposed.ModelCommitment} is not the model's ({commitment})";
        if (correct != proposed.GlobalCorrect) return $"header says {proposed.GlobalCorrect} correct, the model classifies {correct} of the test batch";
        int threshold = GlobalModel.InclusionThreshold(claims);
        return correct < threshold ? $"global model classifies {correct} of {proposed.GlobalSamples}, below the threshold {threshold} (half the best verified claim)" : null;
    }
}
