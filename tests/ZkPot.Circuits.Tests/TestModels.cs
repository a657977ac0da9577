using ZkPot.Learning;

namespace ZkPot.Circuits.Tests;

/// <summary>Real Fashion-MNIST data and small models, shared by the tests (built once per run).</summary>
static class TestModels
{
    public const int Hidden = 3;
    static readonly Lazy<TrainTestSets> Data = new(() => FashionMnist.Load());

    public static Dataset Batch(int count, long seed = 7) => TestBatch.Select(Data.Value.Test, count, seed);

    static readonly Lazy<QuantizedMlp> TrainedModel = new(() =>
    {
        var train = Data.Value.Train.Take(2000);
        var trained = SgdTrainer.Train(FloatMlp.Create(Hidden, seed: 3), train, new SgdOptions { Epochs = 2, Seed = 3 });
        return QuantizedMlp.Quantize((FloatMlp)trained.Model, train.Take(300));
    });

    public static QuantizedMlp Trained => TrainedModel.Value;

    /// <summary>Random weights over the whole int8 range and large biases, so clamping at 0 and 127 both happen.</summary>
    public static QuantizedMlp Random(int seed, int hidden = Hidden, int? m1 = null)
    {
        var rng = new Random(seed);
        var (w1, w2, b1, b2) = Draw(rng, hidden, 1 << 22, 1 << 23);
        int multiplier = rng.Next(1, 1 << 12);
        return new QuantizedMlp(hidden, w1, b1, m1 ?? multiplier, w2, b2);
    }

    /// <summary>
    /// Random weights with small biases and M1 = 2^13 (a shift of 11): the hidden activations spread over [0, 127] and
    /// the logits depend on the image, so changing one activation or one bias can change a prediction.
    /// </summary>
    public static QuantizedMlp Lively(int seed, int hidden)
    {
        var (w1, w2, b1, b2) = Draw(new Random(seed), hidden, 1 << 16, 1 << 12);
        return new QuantizedMlp(hidden, w1, b1, 1 << 13, w2, b2);
    }

    /// <summary>Weights uniform in [-127, 127], then biases uniform in [-bound, bound), first layer then second.</summary>
    static (sbyte[] W1, sbyte[] W2, int[] B1, int[] B2) Draw(Random rng, int hidden, int b1Bound, int b2Bound)
    {
        var w1 = new sbyte[hidden * QuantizedMlp.InputSize];
        var w2 = new sbyte[QuantizedMlp.OutputSize * hidden];
        foreach (var w in new[] { w1, w2 }) for (int i = 0; i < w.Length; i++) w[i] = (sbyte)rng.Next(-127, 128);
        var b1 = Enumerable.Range(0, hidden).Select(_ => rng.Next(-b1Bound, b1Bound)).ToArray();
        var b2 = Enumerable.Range(0, QuantizedMlp.OutputSize).Select(_ => rng.Next(-b2Bound, b2Bound)).ToArray();
        return (w1, w2, b1, b2);
    }
}
