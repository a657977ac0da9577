using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits;

/// <summary>
/// The ZKPoT accuracy circuit: the committed int8 MLP classifies <see cref="AccuracyStatement.Correct"/> of the task's
/// public test batch correctly, with exactly <see cref="QuantizedMlp"/>'s integer semantics. The test batch and the
/// task's fixed-point multiplier M1 are part of the circuit (one key per task), so the first layer multiplies private
/// weights by public constants inside linear combinations and costs no multiplication constraints.
/// Committed (the proof's D, commit-and-prove): W1, W2 (proven in [-127, 127]), B1, B2 (proven in
/// [-(2^24 - 1), 2^24 - 1]), in <see cref="QuantizedMlp.CommittedValues"/> order, then the mask (random unless given).
/// Public: task, round, participant, correct count. Every decomposition is as wide as the public data allows: a hidden
/// unit's width follows from its image's pixel sum and M1, a logit margin's from the hidden width (PROTOCOL.md §11).
/// </summary>
public sealed class AccuracyCircuit(Dataset testBatch, int hidden, int m1, AccuracyStatement statement, QuantizedMlp? model, Fr? mask = null) : ICircuit
{
    const int Inputs = QuantizedMlp.InputSize;
    const int Classes = QuantizedMlp.OutputSize;
    const int WeightMax = QuantizedMlp.WeightMax;
    const int BiasMax = QuantizedMlp.BiasBound - 1;

    /// <summary>A circuit with placeholder values, for key generation: the constraints depend only on the shape and M1.</summary>
    public static AccuracyCircuit Shape(Dataset testBatch, int hidden, int m1) =>
        new(testBatch, hidden, m1, new AccuracyStatement(Fr.Zero, 0, Fr.Zero, 0), null);

    public void Define(CircuitBuilder b)
    {
        if (m1 < 1 || m1 >= QuantizedMlp.MultiplierBound) throw new ArgumentOutOfRangeException(nameof(m1), m1, "M1 must be in [1, 2^24)");
        if (model is not null && model.Hidden != hidden)
            throw new ArgumentException($"model has {model.Hidden} hidden units, the circuit {hidden}");
        if (model is not null && model.M1 != m1)
            throw new ArgumentException($"model has M1 = {model.M1}, the task's fixed-point format {m1}");
        b.PublicInput(statement.Task);
        b.PublicInput(Fr.FromUInt64(statement.Round));
        b.PublicInput(statement.Participant);
        var correct = b.PublicInput(Fr.FromUInt64((ulong)statement.Correct));

        Variable[] w1, w2, b1, b2;
        using (b.Scope("model ranges"))
        {
            // Allocation order is the commitment order (QuantizedMlp.CommittedValues): W1, W2, B1, B2.
            w1 = Committed(b, hidden * Inputs, WeightMax, i => model?.W1[i] ?? 0);
            w2 = Committed(b, Classes * hidden, WeightMax, i => model?.W2[i] ?? 0);
            b1 = Committed(b, hidden, BiasMax, i => model?.B1[i] ?? 0);
            b2 = Committed(b, Classes, BiasMax, i => model?.B2[i] ?? 0);
        }
        if (mask is { } m) b.SetMask(m);

        int marginBits = AccuracyGadgets.MarginBits(hidden);
        var count = new LinearCombinationBuilder(testBatch.Count);
        for (int s = 0; s < testBatch.Count; s++)
            using (b.Scope($"sample {s}"))
                count.Add(Sample(b, testBatch.Image(s), testBatch.Label(s), marginBits, w1, w2, b1, b2));
        b.AssertEqual(count.ToLinearCombination(), correct, "correct count");
    }

    /// <summary>Committed values, each proven in [-max, max] (bitlength(2 max) digits and one recomposition each).</summary>
    static Variable[] Committed(CircuitBuilder b, int n, int max, Func<int, int> value)
    {
        var v = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = b.CommittedInput(SignedField.Of(value(i)));
            b.AssertInRange(v[i], -max, max);
        }
        return v;
    }

    /// <summary>One test sample: the integer forward pass and a bit that is 1 when the prediction equals the label.</summary>
    LinearCombination Sample(CircuitBuilder b, ReadOnlySpan<byte> pixels, int label, int marginBits,
        Variable[] w1, Variable[] w2, Variable[] b1, Variable[] b2)
    {
        long pixelSum = 0;
        foreach (var x in pixels) pixelSum += x;
        int width = AccuracyGadgets.RequantizationWidth(m1, BiasMax + WeightMax * pixelSum);
        var h = new Variable[hidden];
        for (int j = 0; j < hidden; j++)
        {
            var acc = new LinearCombinationBuilder(Inputs + 1).Add(b1[j], Fr.One);
            for (int i = 0; i < Inputs; i++)
                if (pixels[i] != 0) acc.Add(w1[j * Inputs + i], pixels[i]);
            using (b.Scope("hidden"))
                h[j] = AccuracyGadgets.Requantize(b, acc.ToLinearCombination(), m1, width);
        }
        var logits = new LinearCombination[Classes];
        for (int k = 0; k < Classes; k++)
        {
            var acc = new LinearCombinationBuilder(hidden + 1).Add(b2[k], Fr.One);
            for (int j = 0; j < hidden; j++) acc.Add(b.Mul(w2[k * hidden + j], h[j], "second layer product"));
            logits[k] = acc.ToLinearCombination();
        }
        using (b.Scope("argmax"))
            return AccuracyGadgets.LabelWins(b, logits, label, marginBits);
    }

}
