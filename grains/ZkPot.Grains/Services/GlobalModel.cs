using ZkPot.Circuits;
using ZkPot.Learning;
using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Storage;

namespace ZkPot.Grains.Services;

/// <summary>The public global model of a block: stored as float parameters, committed and scored through its int8 quantization on the public batch.</summary>
public static class GlobalModel
{
    /// <summary>Commitment salt of global models: they are public, so there is nothing to hide.</summary>
    static readonly Fr PublicSalt = Fr.Zero;

    public static (Cid Cid, Hash32 Commitment, int Correct) Store(IContentStore store, TaskContext task, float[] parameters)
    {
        var (commitment, correct) = Evaluate(task, parameters);
        return (store.Put(ModelCodec.EncodeParameters(parameters)), commitment, correct);
    }

    public static (Hash32 Commitment, int Correct) Evaluate(TaskContext task, float[] parameters)
    {
        var quantized = task.Quantize(new FloatMlp(task.Spec.Hidden, parameters));
        var commitment = new Hash32(ProofCodec.FieldBytes(ModelCommitment.Compute(quantized, PublicSalt)));
        return (commitment, quantized.CountCorrect(task.TestBatch));
    }

    public static float[] Load(IContentStore store, TaskContext task, Cid cid) =>
        ModelCodec.DecodeParameters(store.Get(cid), FloatMlp.ParameterCountFor(task.Spec.Hidden), $"global model {cid}");

    /// <summary>
    /// Updates averaged into the next global model: those whose verified accuracy reaches half of the best claim's.
    /// A proof makes an accuracy claim true, so a poisoned or noisy update shows as a low verified accuracy and stays out.
    /// </summary>
    public static int InclusionThreshold(IEnumerable<AccuracyClaim> claims)
    {
        int best = claims.Select(c => c.CorrectCount).DefaultIfEmpty(0).Max();
        return (best + 1) / 2;
    }

    /// <summary>
    /// Genesis: height 0, the initial model, no transactions; its previous-hash field holds the SHA-256 of the setup
    /// transcript (<see cref="ZkPot.Snark.Setup.CeremonyTranscript"/>), so the chain commits to how its key was made.
    /// </summary>
    public static Block Genesis(IContentStore store, TaskContext task, Hash32 setupTranscriptHash)
    {
        var (cid, commitment, correct) = Store(store, task, task.InitialModel().Parameters);
        return Block.Assemble(task.TaskId, 0, setupTranscriptHash, 0, cid, commitment, correct, task.Spec.TestSamples, default, [], []);
    }
}
