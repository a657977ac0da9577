using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits;

/// <summary>
/// The ZKPoT accuracy circuit: the committed int8 MLP classifies <see cref="AccuracyStatement.Correct"/> of the task's
/// public test batch correctly, with exactly <see cref="QuantizedMlp"/>'s integer semantics. The test batch and the
/// task's fixed-point multiplier M1 are part of the circuit (one key per task), so the first layer multiplies private
/// weights by public constants inside linear combinations and costs no multiplication constraints.
/// Committed (the proof's D, commit-and-prove): W1, W2 (proven in [-128, 127]), B1, B2 (proven in [-2^30, 2^30)), in
/// <see cref="QuantizedMlp.CommittedValues"/> order, then the mask (random unless given).
/// Public: task, round, participant, correct count.
/// </summary>
public sealed class AccuracyCircuit(Dataset testBatch, int hidden, int m1, AccuracyStatement statement, QuantizedMlp? model, Fr? mask = null) : ICircuit
{
    const int Inputs = QuantizedMlp.InputSize;
    const int Classes = QuantizedMlp.OutputSize;
    const int Shift = QuantizedMlp.Shift;
    /// <summary>|acc1 * M1| &lt; 2^55, so acc1 * M1 + 2^(S-1) + 2^55 fits in 56 bits and its top bit is the sign.</summary>
    const int ProductBits = 56;
    /// <summary>|acc2_y - acc2_k| &lt; 2^33.</summary>
    const int LogitDifferenceBits = 34;
    const int BiasBits = 31;

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
            w1 = Weights(b, hidden * Inputs, i => model?.W1[i] ?? 0);
            w2 = Weights(b, Classes * hidden, i => model?.W2[i] ?? 0);
            b1 = Biases(b, hidden, i => model?.B1[i] ?? 0);
            b2 = Biases(b, Classes, i => model?.B2[i] ?? 0);
        }
        if (mask is { } m) b.SetMask(m);

        var count = new LinearCombinationBuilder(testBatch.Count);
        for (int s = 0; s < testBatch.Count; s++)
            using (b.Scope($"sample {s}"))
                count.Add(Sample(b, testBatch.Image(s), testBatch.Label(s), w1, w2, b1, b2));
        b.AssertEqual(count.ToLinearCombination(), correct, "correct count");
    }

    /// <summary>Committed weights, each proven in [-128, 127]: one value wider than the native type, harmless since an opening is summed as integers.</summary>
    static Variable[] Weights(CircuitBuilder b, int n, Func<int, int> value)
    {
        var w = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = b.CommittedInput(Signed(value(i)));
            b.AssertFitsInBits(w[i] + 128, 8);
        }
        return w;
    }

    static Variable[] Biases(CircuitBuilder b, int n, Func<int, int> value)
    {
        var v = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = b.CommittedInput(Signed(value(i)));
            b.AssertFitsInBits(v[i] + (1L << 30), BiasBits);
        }
        return v;
    }

    /// <summary>One test sample: the integer forward pass and a bit that is 1 when the prediction equals the label.</summary>
    LinearCombination Sample(CircuitBuilder b, ReadOnlySpan<byte> pixels, int label,
        Variable[] w1, Variable[] w2, Variable[] b1, Variable[] b2)
    {
        var h = new Variable[hidden];
        for (int j = 0; j < hidden; j++)
        {
            var acc = new LinearCombinationBuilder(Inputs + 1).Add(b1[j], Fr.One);
            for (int i = 0; i < Inputs; i++)
                if (pixels[i] != 0) acc.Add(w1[j * Inputs + i], pixels[i]);
            h[j] = Requantize(b, acc.ToLinearCombination() * Fr.FromUInt64((ulong)m1));
        }
        var logits = new LinearCombination[Classes];
        for (int k = 0; k < Classes; k++)
        {
            var acc = new LinearCombinationBuilder(hidden + 1).Add(b2[k], Fr.One);
            for (int j = 0; j < hidden; j++) acc.Add(b.Mul(w2[k * hidden + j], h[j]));
            logits[k] = acc.ToLinearCombination();
        }
        // Correct exactly when the label wins argmax with ties to the lowest class:
        // logit_y > logit_k for k < y, and logit_y >= logit_k for k > y.
        LinearCombination? all = null;
        for (int k = 0; k < Classes; k++)
        {
            if (k == label) continue;
            var margin = logits[label] - logits[k] - (k < label ? 1 : 0);
            LinearCombination wins = b.IsNonNegative(margin, LogitDifferenceBits);
            all = all is null ? wins : b.Mul(all.Value, wins);
        }
        return all!.Value;
    }

    /// <summary>h = clamp((t + 2^(S-1)) >> S, 0, 127) for t = acc * M1 (M1 public, so t is linear), from the bits of t + 2^(S-1) + 2^55.</summary>
    static Variable Requantize(CircuitBuilder b, LinearCombination t)
    {
        var bits = b.ToBits(t + LinearCombination.Constant(Pow2(Shift - 1) + Pow2(ProductBits - 1)), ProductBits);
        var nonNegative = bits[ProductBits - 1];
        // q = (acc * M1 + 2^(S-1)) >> S when non-negative is bits[S .. 54]; q >= 128 when any of bits[S+7 .. 54] is set.
        var high = new LinearCombinationBuilder(ProductBits);
        for (int k = Shift + 7; k < ProductBits - 1; k++) high.Add(bits[k], Fr.One);
        var saturated = 1 - (LinearCombination)b.IsZero(high.ToLinearCombination());
        var low7 = BitGadgets.FromBits(bits.AsSpan(Shift, 7));
        var clampedHigh = b.Mul(saturated, 127 - low7);
        return b.ToVariable(b.Mul(nonNegative, low7 + clampedHigh));
    }

    static readonly Fr[] Powers = Enumerable.Range(0, 254).Select(k => Fr.FromBigInteger(System.Numerics.BigInteger.One << k)).ToArray();

    static Fr Pow2(int k) => Powers[k];

    static Fr Signed(long v) => v >= 0 ? Fr.FromUInt64((ulong)v) : -Fr.FromUInt64((ulong)-v);
}
