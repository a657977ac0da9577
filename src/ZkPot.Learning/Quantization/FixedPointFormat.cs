namespace ZkPot.Learning;

/// <summary>
/// A task's public fixed-point format: the scales every participant quantizes with, so integer models of different
/// participants mean the same thing and add up (the aggregate is the mean of committed integer models). Weights are
/// symmetric int8 with per-layer scales <see cref="W1Scale"/> and <see cref="W2Scale"/>; the hidden requantization
/// multiplier <see cref="M1"/> is a public constant of the circuit, a power of two when the format is derived; biases use the scales those imply
/// (<see cref="QuantizedMlp"/> gives the integer semantics).
/// </summary>
public sealed record FixedPointFormat(double W1Scale, double W2Scale, int M1)
{
    /// <summary>Pixels are bytes: the input scale is 1/255.</summary>
    public const double InputScale = 1.0 / 255;

    /// <summary>How far beyond the initial model's largest weight the format reaches: trained weights grow.</summary>
    public const double Headroom = 3.0;

    /// <summary>
    /// How far beyond the initial model's largest hidden activation on the public batch the format reaches. Activations
    /// grow more than weights: over 3 local epochs a width-8 MLP's went from 1.6 to 10.8, and a format with headroom 3
    /// saturated them and cost 9 points of int8 accuracy (78.4 % float, 69.6 % int8); with 8 the two agree within 0.3
    /// points at widths 4, 8 and 32 (docs/BENCHMARKS.md, "Verifiable aggregation").
    /// </summary>
    public const double ActivationHeadroom = 8.0;

    /// <summary>The hidden activation scale M1 implies: s_x s_w1 2^S / M1.</summary>
    public double HiddenScale => InputScale * W1Scale * QuantizedMlp.MultiplierBound / M1;

    /// <summary>Scale of the first-layer biases: s_x s_w1 (they add to sum W1 x).</summary>
    public double B1Scale => InputScale * W1Scale;

    /// <summary>Scale of the second-layer biases: s_h s_w2 (they add to sum W2 h).</summary>
    public double B2Scale => HiddenScale * W2Scale;

    /// <summary>
    /// The format a task fixes from its initial model and its public calibration set (the test batch): each scale the
    /// one that would fit the initial model, widened by <see cref="Headroom"/> (weights) or
    /// <see cref="ActivationHeadroom"/> (the hidden activations). Deterministic: every node derives the
    /// same format from the same public data.
    /// </summary>
    public static FixedPointFormat For(FloatMlp initial, Dataset calibration)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.Count == 0)
            throw new ArgumentException("a format needs at least one calibration sample", nameof(calibration));
        double w1Scale = MaxAbs(initial.W1) * Headroom / QuantizedMlp.WeightMax;
        double w2Scale = MaxAbs(initial.W2) * Headroom / QuantizedMlp.WeightMax;
        double maxActivation = 0;
        var activations = new float[initial.Hidden];
        for (int s = 0; s < calibration.Count; s++)
        {
            initial.HiddenActivations(calibration.Image(s), activations);
            foreach (float a in activations)
                maxActivation = Math.Max(maxActivation, a);
        }
        double hiddenScale = (maxActivation > 0 ? maxActivation : 1.0) * ActivationHeadroom / QuantizedMlp.HiddenMax;
        // M1 is the power of two nearest (in log scale) to the multiplier that hidden scale asks for: requantization is
        // then a plain rounding shift, and the circuit decomposes acc1 itself rather than acc1 * M1 (26 bits per hidden
        // unit and sample instead of 26 + log2 M1). The activation headroom moves to [8/sqrt 2, 8 sqrt 2].
        double multiplier = InputScale * w1Scale / hiddenScale * QuantizedMlp.MultiplierBound;
        if (!double.IsFinite(multiplier) || multiplier <= 0)
            throw new ArgumentException($"the initial model gives no usable format (hidden multiplier {multiplier}); is it finite?", nameof(initial));
        int exponent = (int)Math.Clamp(Math.Round(Math.Log2(multiplier), MidpointRounding.AwayFromZero), 0, QuantizedMlp.Shift - 1);
        return new FixedPointFormat(w1Scale, w2Scale, 1 << exponent);
    }

    static double MaxAbs(ReadOnlySpan<float> values)
    {
        float max = 0;
        foreach (float v in values)
            max = MathF.Max(max, MathF.Abs(v));
        return max > 0 ? max : 1.0 / QuantizedMlp.WeightMax;
    }
}
