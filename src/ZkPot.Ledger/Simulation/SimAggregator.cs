using ZkPot.Ledger.Chain;
using ZkPot.Ledger.Consensus;
using ZkPot.Ledger.Crypto;
using ZkPot.Ledger.Canonical;
using ZkPot.Ledger.Storage;

namespace ZkPot.Ledger.Simulation;

/// <summary>Simulation aggregator: the new global model's accuracy is the mean count of the included claims (standing in for the mean model), stored in the content store.</summary>
/// <param name="variant">Salts the model, so an equivocating leader can build two different but equally valid aggregates.</param>
public sealed class SimAggregator(IContentStore store, int variant = 0) : IAggregator
{
    public AggregateResult? Aggregate(BlockHeader previous, long round, IReadOnlyList<AccuracyClaim> rankedClaims)
    {
        if (rankedClaims.Count == 0) throw new ArgumentException("nothing to aggregate: no accepted claims", nameof(rankedClaims));
        var included = AggregationRule.Included(rankedClaims.OrderBy(c => c.Participant).ToList(), previous);
        int samples = rankedClaims[0].TestSamples;
        int correct = (int)(included.Sum(c => (long)c.CorrectCount) / included.Count);
        var w = new CanonicalWriter().Hash(previous.Hash).Height(round).U32((uint)variant).Count(included.Count);
        foreach (var c in included) w.Hash(c.Id);
        var model = new SimModel(round, correct, samples, Hash32.Tagged("zkpot/sim-model-salt/v1", w.WrittenSpan));
        return Store(store, rankedClaims, model, correct);
    }

    /// <summary>Stores a model and reports it with the accuracy the leader states (honest leaders state the model's own).</summary>
    public static AggregateResult Store(IContentStore store, IReadOnlyList<AccuracyClaim> claims, SimModel model, int statedCorrect)
    {
        byte[] blob = model.Encode();
        var cid = store.Put(blob);
        return new AggregateResult(claims, cid, Hash32.Sha256(blob), statedCorrect, model.Samples);
    }
}
