using System.Numerics;
using ZkPot.Learning;
using ZkPot.Snark.Circuits;

namespace ZkPot.Circuits;

/// <summary>The two non-linear steps of <see cref="AccuracyCircuit"/>, public so they can be tested as circuits of their own.</summary>
public static class AccuracyGadgets
{
    /// <summary>
    /// The decomposition width W for <see cref="Requantize"/>: 2^(W-1) exceeds |u| = |acc m + 2^(s-1)| for every
    /// |acc| &lt;= <paramref name="accMax"/> (M1 = m 2^k, m odd, s = 24 - k).
    /// </summary>
    public static int RequantizationWidth(int m1, long accMax)
    {
        var (odd, shift) = Split(m1);
        return BitLength(accMax * odd + (1L << (shift - 1))) + 1;
    }

    /// <summary>
    /// The signed width L of a logit margin for <see cref="LabelWins"/>: |logit| &lt;= 2^24 - 1 + hidden 127^2 (the
    /// circuit's bias and weight ranges, activations in [0, 127]), so a margin lies in [-(2 logitMax + 1), 2 logitMax].
    /// </summary>
    public static int MarginBits(int hidden)
    {
        long logitMax = QuantizedMlp.BiasBound - 1 + (long)hidden * QuantizedMlp.WeightMax * QuantizedMlp.HiddenMax;
        return BitLength(2 * logitMax) + 1;
    }

    static int BitLength(long value) => 64 - BitOperations.LeadingZeroCount((ulong)value);

    /// <summary>
    /// h = clamp((acc M1 + 2^23) >> 24, 0, 127), QuantizedMlp's requantization, for an acc whose range
    /// <paramref name="width"/> covers (<see cref="RequantizationWidth"/>). With M1 = m 2^k (m odd, public),
    /// acc M1 + 2^23 = 2^k (acc m + 2^(s-1)) for s = 24 - k, so h = clamp(u >> s, 0, 127) for u = acc m + 2^(s-1): one
    /// decomposition of u + 2^(W-1) into W bits; bit W-1 is u's sign, bits s..s+6 are the quotient's 7 low bits and
    /// any of bits s+7..W-2 set means the quotient is at least 128. A format's M1 is a power of two (m = 1), so the
    /// width is that of acc alone. W + 5 constraints; acc stays on the C side of the recomposition.
    /// </summary>
    public static Variable Requantize(CircuitBuilder b, LinearCombination acc, int m1, int width)
    {
        ArgumentNullException.ThrowIfNull(b);
        var (odd, shift) = Split(m1);
        var u = acc * Fr.FromUInt64((ulong)odd) + LinearCombination.Constant(1L << (shift - 1));
        var bits = b.ToBits(u + LinearCombination.Constant(Fr.FromBigInteger(BigInteger.One << (width - 1))), width);
        var nonNegative = bits[width - 1];
        var low7 = new LinearCombinationBuilder(7);
        for (int i = 0; i < 7 && shift + i < width - 1; i++) low7.Add(bits[shift + i], 1L << i);
        var high = new LinearCombinationBuilder(width);
        for (int i = shift + 7; i < width - 1; i++) high.Add(bits[i], Fr.One);
        // Below 128: h = low7; at or above: 127; negative: 0.
        LinearCombination inRange = high.Count == 0 ? LinearCombination.Constant(1) : b.IsZero(high.ToLinearCombination());
        var clamped = 127 - b.Mul(inRange, 127 - low7.ToLinearCombination(), "clamp at 127");
        return b.ToVariable(b.Mul(nonNegative, clamped, "clamp at 0"));
    }

    /// <summary>
    /// 1 when <paramref name="label"/> wins argmax over <paramref name="logits"/> with ties to the lowest index, else 0:
    /// logit_y - logit_k - [k &lt; y] &gt;= 0 for every k != y (each margin in [-2^(L-1), 2^(L-1)), L =
    /// <paramref name="marginBits"/>), and the bit is a zero test of (count - 1) - (sum of the sign bits).
    /// (count - 1)(L + 1) + 2 constraints.
    /// </summary>
    public static LinearCombination LabelWins(CircuitBuilder b, ReadOnlySpan<LinearCombination> logits, int label, int marginBits)
    {
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, logits.Length);
        var wins = new LinearCombinationBuilder(logits.Length);
        for (int k = 0; k < logits.Length; k++)
        {
            if (k == label) continue;
            wins.Add(b.IsNonNegative(logits[label] - logits[k] - (k < label ? 1 : 0), marginBits), Fr.One);
        }
        return b.IsZero(logits.Length - 1 - wins.ToLinearCombination());
    }

    static (long Odd, int Shift) Split(int m1)
    {
        if (m1 < 1 || m1 >= QuantizedMlp.MultiplierBound) throw new ArgumentOutOfRangeException(nameof(m1), m1, "M1 must be in [1, 2^24)");
        int k = BitOperations.TrailingZeroCount(m1);
        return (m1 >> k, QuantizedMlp.Shift - k);
    }
}
