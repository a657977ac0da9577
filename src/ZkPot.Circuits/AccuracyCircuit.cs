using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits;

/// <summary>
/// The ZKPoT accuracy circuit: the committed int8 MLP classifies <see cref="AccuracyStatement.Correct"/> of the task's
/// public test batch correctly, with exactly <see cref="QuantizedMlp"/>'s integer semantics. The test batch is part of
/// the circuit (one key per task and model shape), so the first layer multiplies private weights by public constants
/// inside linear combinations and costs no multiplication constraints.
/// Private: weights (proven int8), biases (proven in [-2^30, 2^30)), the multiplier M1 (24 bits) and a salt.
/// Public: task, round, participant, commitment, correct count.
/// </summary>
public sealed class AccuracyCircuit(Dataset testBatch, int hidden, AccuracyStatement statement, QuantizedMlp? model, Fr salt) : ICircuit
{
    const int Inputs = QuantizedMlp.InputSize;
    const int Classes = QuantizedMlp.OutputSize;
    const int Shift = QuantizedMlp.Shift;
    /// <summary>|acc1 * M1| &lt; 2^55, so acc1 * M1 + 2^(S-1) + 2^55 fits in 56 bits and its top bit is the sign.</summary>
    const int ProductBits = 56;
    /// <summary>|acc2_y - acc2_k| &lt; 2^33.</summary>
    const int LogitDifferenceBits = 34;

    /// <summary>A circuit with placeholder values, for key generation: the constraints depend only on the shape.</summary>
    public static AccuracyCircuit Shape(Dataset testBatch, int hidden) =>
        new(testBatch, hidden, new AccuracyStatement(Fr.Zero, 0, Fr.Zero, Fr.Zero, 0), null, Fr.Zero);

    public void Define(CircuitBuilder b)
    {
        if (model is not null && model.Hidden != hidden)
            throw new ArgumentException($"model has {model.Hidden} hidden units, the circuit {hidden}");
        b.PublicInput(statement.Task);
        b.PublicInput(Fr.FromUInt64(statement.Round));
        b.PublicInput(statement.Participant);
        var commitment = b.PublicInput(statement.Commitment);
        var correct = b.PublicInput(Fr.FromUInt64((ulong)statement.Correct));

        Variable[] w1, w2, b1, b2;
        Variable m1, saltVar;
        using (b.Scope("model ranges"))
        {
            w1 = Weights(b, hidden * Inputs, i => model?.W1[i] ?? 0);
            w2 = Weights(b, Classes * hidden, i => model?.W2[i] ?? 0);
            b1 = Biases(b, hidden, i => model?.B1[i] ?? 0);
            b2 = Biases(b, Classes, i => model?.B2[i] ?? 0);
            m1 = b.PrivateInput(Fr.FromUInt64((ulong)(model?.M1 ?? 0)));
            b.AssertFitsInBits(m1, Shift);
            saltVar = b.PrivateInput(salt);
        }
        using (b.Scope("commitment"))
            b.AssertEqual(Commit(b, saltVar, w1, w2, b1, b2, m1), commitment, "commitment matches");

        var count = new LinearCombinationBuilder(testBatch.Count);
        for (int s = 0; s < testBatch.Count; s++)
            using (b.Scope($"sample {s}"))
                count.Add(Sample(b, testBatch.Image(s), testBatch.Label(s), w1, w2, b1, b2, m1));
        b.AssertEqual(count.ToLinearCombination(), correct, "correct count");
    }

    static Variable[] Weights(CircuitBuilder b, int n, Func<int, int> value)
    {
        var w = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            w[i] = b.PrivateInput(Signed(value(i)));
            b.AssertFitsInBits(w[i] + 128, 8);
        }
        return w;
    }

    static Variable[] Biases(CircuitBuilder b, int n, Func<int, int> value)
    {
        var v = new Variable[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = b.PrivateInput(Signed(value(i)));
            b.AssertFitsInBits(v[i] + (1L << 30), ModelCommitment.BiasBits);
        }
        return v;
    }

    /// <summary>The packing and Poseidon chain of <see cref="ModelCommitment"/>, as constraints.</summary>
    static LinearCombination Commit(CircuitBuilder b, Variable salt, Variable[] w1, Variable[] w2, Variable[] b1, Variable[] b2, Variable m1)
    {
        var elements = new List<LinearCombination>();
        var weights = w1.Concat(w2).ToArray();
        for (int start = 0; start < weights.Length; start += ModelCommitment.WeightsPerElement)
        {
            var e = new LinearCombinationBuilder(ModelCommitment.WeightsPerElement + 1);
            for (int k = 0; k < ModelCommitment.WeightsPerElement && start + k < weights.Length; k++)
            {
                var scale = Pow2(8 * k);
                e.Add(weights[start + k], scale);
                e.AddConstant(Fr.FromUInt64(128) * scale);
            }
            elements.Add(e.ToLinearCombination());
        }
        var biases = b1.Concat(b2).ToArray();
        for (int start = 0; start < biases.Length; start += ModelCommitment.BiasesPerElement)
        {
            var e = new LinearCombinationBuilder(ModelCommitment.BiasesPerElement + 1);
            for (int k = 0; k < ModelCommitment.BiasesPerElement && start + k < biases.Length; k++)
            {
                var scale = Pow2(ModelCommitment.BiasBits * k);
                e.Add(biases[start + k], scale);
                e.AddConstant(Fr.FromUInt64(1UL << 30) * scale);
            }
            elements.Add(e.ToLinearCombination());
        }
        elements.Add(m1);

        LinearCombination h = salt;
        var input = new LinearCombination[ModelCommitment.ChunkSize + 1];
        for (int start = 0; start < elements.Count; start += ModelCommitment.ChunkSize)
        {
            Array.Fill(input, default);
            input[0] = h;
            for (int k = 0; k < ModelCommitment.ChunkSize && start + k < elements.Count; k++) input[k + 1] = elements[start + k];
            h = b.Poseidon(input);
        }
        return h;
    }

    /// <summary>One test sample: the integer forward pass and a bit that is 1 when the prediction equals the label.</summary>
    LinearCombination Sample(CircuitBuilder b, ReadOnlySpan<byte> pixels, int label,
        Variable[] w1, Variable[] w2, Variable[] b1, Variable[] b2, Variable m1)
    {
        var h = new Variable[hidden];
        for (int j = 0; j < hidden; j++)
        {
            var acc = new LinearCombinationBuilder(Inputs + 1).Add(b1[j], Fr.One);
            for (int i = 0; i < Inputs; i++)
                if (pixels[i] != 0) acc.Add(w1[j * Inputs + i], pixels[i]);
            h[j] = Requantize(b, acc.ToLinearCombination(), m1);
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

    /// <summary>h = clamp((acc * M1 + 2^(S-1)) >> S, 0, 127) from the bits of acc * M1 + 2^(S-1) + 2^55.</summary>
    static Variable Requantize(CircuitBuilder b, LinearCombination acc, Variable m1)
    {
        var t = b.Mul(acc, m1);
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
