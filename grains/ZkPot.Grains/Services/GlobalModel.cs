using ZkPot.Circuits;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;
using ZkPot.Snark.Groth16;

namespace ZkPot.Grains.Services;

/// <summary>
/// The public global model of a block: stored as the round's <see cref="ModelSum"/> (sum of the included integer
/// models, sum of their masks, how many), committed as the sum of the included proofs' D, and the mean of the sum is
/// the model everyone trains from next and whose accuracy the header states.
/// </summary>
public static class GlobalModel
{
    public static QuantizedMlp Mean(TaskContext task, ModelSum sum) => sum.Mean(task.Spec.Hidden, task.Format.M1);

    public static ModelSum LoadSum(IContentStore store, TaskContext task, Cid cid) =>
        ModelSum.Decode(store.Get(cid), QuantizedMlp.CommittedCount(task.Spec.Hidden), $"global model {cid}");

    /// <summary>The global model as floats in the task's format: where the next round's local training starts.</summary>
    public static FloatMlp LoadFloat(IContentStore store, TaskContext task, Cid cid) =>
        Mean(task, LoadSum(store, task, cid)).Dequantize(task.Format);

    /// <summary>
    /// Genesis: height 0, the initial model quantized in the task's format (a sum of one model, mask zero: it is public),
    /// no transactions; its previous-hash field holds the SHA-256 of the setup transcript
    /// (<see cref="ZkPot.Snark.Setup.CeremonyTranscript"/>), so the chain commits to how its key was made.
    /// </summary>
    public static Block Genesis(IContentStore store, TaskContext task, CommitmentVerifyingKey key, Hash32 setupTranscriptHash)
    {
        var sum = ModelSum.Single(task.Quantize(task.InitialModel()));
        return Block.Assemble(task.TaskId, 0, setupTranscriptHash, 0, store.Put(sum.Encode()), ProofCodec.PointId(sum.Commitment(key)),
                              Mean(task, sum).CountCorrect(task.TestBatch), task.Spec.TestSamples, default, [], []);
    }
}
