using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Simulation;

/// <summary>Simulation aggregate check: fetch the model by CID, check its commitment, "re-evaluate" it (read its accuracy), and refuse one that disagrees with the header or is not the stand-in aggregate (the mean count) of the included claims.</summary>
public sealed class SimAggregateChecker(IContentStore store) : IAggregateChecker
{
    public string? Check(BlockHeader previous, BlockHeader proposed, IReadOnlyList<AccuracyClaim> included)
    {
        byte[] blob;
        try
        {
            if (!store.TryGet(proposed.ModelCid, out blob)) return $"model {proposed.ModelCid} is not in the content store";
        }
        catch (InvalidDataException e) { return e.Message; }
        if (Hash32.Sha256(blob) != proposed.ModelCommitment) return "the model does not match its commitment";
        if (!SimModel.TryDecode(blob, out var model)) return "the blob is not a model";
        if (model.Round != proposed.Round) return $"the model is for round {model.Round}, the block for {proposed.Round}";
        if (model.Correct != proposed.GlobalCorrect || model.Samples != proposed.GlobalSamples)
            return $"re-evaluation gives {model.Correct}/{model.Samples}, the header states {proposed.GlobalCorrect}/{proposed.GlobalSamples}";
        int expected = (int)(included.Sum(c => (long)c.CorrectCount) / included.Count);
        return model.Correct != expected ? $"aggregate accuracy {model.Correct} is not the mean of the included claims ({expected})" : null;
    }
}
