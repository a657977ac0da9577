namespace ZkPot.Learning;

/// <summary>
/// int8 MLP 784 -> Hidden -> 10 with exact integer inference; the ZKPoT circuit re-implements exactly this:
/// <code>
/// x_i    = raw pixel byte 0..255 (public input; scale s_x = 1/255, zero point 0)
/// W1[j,i], W2[k,j] in [-127, 127]   (symmetric per-layer scales s_w1, s_w2, zero point 0)
/// B1[j], B2[k]     |B| &lt; 2^24 (B1 in scale s_x*s_w1, B2 in scale s_h*s_w2)
/// acc1_j = B1[j] + sum_i W1[j,i] * x_i                          (int64)
/// h_j    = clamp((acc1_j * M1 + 2^(S-1)) >> S, 0, 127)           S = Shift = 24, >> = floor division by 2^S,
///                                                                M1 in [1, 2^S), M1 ~= s_x*s_w1/s_h * 2^S
/// acc2_k = B2[k] + sum_j W2[k,j] * h_j                          (int64)
/// pred   = argmax_k acc2_k, ties -> the lowest k
/// </code>
/// Arrays are output-major: W1[j * 784 + i], W2[k * Hidden + j].
/// </summary>
/// <remarks>
/// Magnitudes, for sizing circuit range checks: |sum_i W1 x| &lt;= 127 * sum_i x_i &lt;= 784 * 127 * 255 &lt; 2^25, so
/// |acc1| &lt; 2^24 + 2^25 and |acc1 * M1| &lt; 2^50; |sum_j W2 h| &lt;= Hidden * 127 * 127, so |acc2| &lt; 2^31 for
/// Hidden &lt; 2^16. A bias of 2^24 in acc1's scale outweighs every pixel term of a typical image, so the bound costs
/// no model anything and keeps the circuit's decompositions narrow.
/// The rounding term 2^(S-1) makes the shift round half up. Clamping at 0 is the ReLU; clamping at 127 keeps
/// the hidden activations 7-bit. The instance is immutable and thread-safe.
/// </remarks>
public sealed class QuantizedMlp
{
    /// <summary>Right shift S of the requantization step (public constant of the circuit).</summary>
    public const int Shift = 24;

    /// <summary>Inputs: one pixel byte each.</summary>
    public const int InputSize = Dataset.ImageSize;

    /// <summary>Outputs: one score per class.</summary>
    public const int OutputSize = Dataset.ClassCount;

    /// <summary>Largest weight magnitude (the symmetric int8 range excludes -128).</summary>
    public const int WeightMax = 127;

    /// <summary>Largest hidden activation after requantization.</summary>
    public const int HiddenMax = 127;

    /// <summary>Exclusive bound on bias magnitudes: |B| &lt; 2^24.</summary>
    public const int BiasBound = 1 << 24;

    /// <summary>Exclusive upper bound of M1: 2^Shift.</summary>
    public const int MultiplierBound = 1 << Shift;

    private const long RoundingTerm = 1L << (Shift - 1);

    private readonly sbyte[] _w1;
    private readonly int[] _b1;
    private readonly sbyte[] _w2;
    private readonly int[] _b2;

    /// <summary>Builds a model from copies of the integer parameters after checking every range in the type summary.</summary>
    public QuantizedMlp(int hidden, ReadOnlySpan<sbyte> w1, ReadOnlySpan<int> b1, int m1, ReadOnlySpan<sbyte> w2, ReadOnlySpan<int> b2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        CheckLength(nameof(w1), w1.Length, hidden * InputSize);
        CheckLength(nameof(b1), b1.Length, hidden);
        CheckLength(nameof(w2), w2.Length, OutputSize * hidden);
        CheckLength(nameof(b2), b2.Length, OutputSize);
        CheckWeights(nameof(w1), w1, InputSize);
        CheckWeights(nameof(w2), w2, hidden);
        CheckBiases(nameof(b1), b1);
        CheckBiases(nameof(b2), b2);
        if (m1 < 1 || m1 >= MultiplierBound)
        {
            throw new ArgumentOutOfRangeException(nameof(m1), m1, $"M1 must be in [1, 2^{Shift}).");
        }
        Hidden = hidden;
        M1 = m1;
        _w1 = w1.ToArray();
        _b1 = b1.ToArray();
        _w2 = w2.ToArray();
        _b2 = b2.ToArray();
    }

    /// <summary>Hidden width.</summary>
    public int Hidden { get; }

    /// <summary>Requantization multiplier of the hidden layer, in [1, 2^Shift).</summary>
    public int M1 { get; }

    /// <summary>First-layer weights, output-major: W1[j * 784 + i], each in [-127, 127].</summary>
    public ReadOnlySpan<sbyte> W1 => _w1;

    /// <summary>First-layer biases (scale s_x * s_w1), |B1[j]| &lt; 2^24.</summary>
    public ReadOnlySpan<int> B1 => _b1;

    /// <summary>Second-layer weights, output-major: W2[k * Hidden + j], each in [-127, 127].</summary>
    public ReadOnlySpan<sbyte> W2 => _w2;

    /// <summary>Second-layer biases (scale s_h * s_w2), |B2[k]| &lt; 2^24.</summary>
    public ReadOnlySpan<int> B2 => _b2;

    /// <summary>
    /// Quantizes a float MLP. Weights: symmetric per layer, s_w = max|W| / 127, q = round(W / s_w) (half away from
    /// zero). Hidden scale: s_h = (largest float hidden activation over <paramref name="calibration"/>) / 127, so no
    /// calibration activation clips. M1 = round(s_x s_w1 / s_h * 2^24) clamped to [1, 2^24 - 1], and B2 uses the
    /// hidden scale M1 actually implies. Biases: round(b / scale), clamped to |B| &lt; 2^24. Deterministic: every node
    /// that quantizes the same parameters with the same public calibration set gets the same integers.
    /// </summary>
    public static QuantizedMlp Quantize(FloatMlp model, Dataset calibration)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(calibration);
        if (calibration.Count == 0)
        {
            throw new ArgumentException("Quantization needs at least one calibration sample.", nameof(calibration));
        }
        int hidden = model.Hidden;
        CheckFinite(model.Parameters);

        const double inputScale = 1.0 / 255;
        double w1Scale = SymmetricScale(model.W1);
        var w1 = new sbyte[hidden * InputSize];
        ReadOnlySpan<float> w1Float = model.W1;
        for (int i = 0; i < InputSize; i++)
        {
            for (int j = 0; j < hidden; j++)
            {
                w1[j * InputSize + i] = QuantizeWeight(w1Float[i * hidden + j], w1Scale);
            }
        }
        var b1 = new int[hidden];
        for (int j = 0; j < hidden; j++)
        {
            b1[j] = QuantizeBias(model.B1[j], inputScale * w1Scale);
        }

        double maxActivation = 0;
        var activations = new float[hidden];
        for (int s = 0; s < calibration.Count; s++)
        {
            model.HiddenActivations(calibration.Image(s), activations);
            foreach (float a in activations)
            {
                maxActivation = Math.Max(maxActivation, a);
            }
        }
        double hiddenScale = maxActivation > 0 ? maxActivation / HiddenMax : 1.0;
        double multiplier = Math.Round(inputScale * w1Scale / hiddenScale * MultiplierBound, MidpointRounding.AwayFromZero);
        int m1 = (int)Math.Clamp(multiplier, 1, MultiplierBound - 1);
        double effectiveHiddenScale = inputScale * w1Scale * MultiplierBound / m1;

        double w2Scale = SymmetricScale(model.W2);
        var w2 = new sbyte[OutputSize * hidden];
        ReadOnlySpan<float> w2Float = model.W2;
        for (int j = 0; j < hidden; j++)
        {
            for (int k = 0; k < OutputSize; k++)
            {
                w2[k * hidden + j] = QuantizeWeight(w2Float[j * OutputSize + k], w2Scale);
            }
        }
        var b2 = new int[OutputSize];
        for (int k = 0; k < OutputSize; k++)
        {
            b2[k] = QuantizeBias(model.B2[k], effectiveHiddenScale * w2Scale);
        }
        return new QuantizedMlp(hidden, w1, b1, m1, w2, b2);
    }

    /// <summary>
    /// Quantizes a float MLP in a task's public format: round(W / s_w) clamped to [-127, 127], round(b / scale) clamped
    /// to |B| &lt; 2^24, M1 the format's. Every participant of the task gets integers on the same scales.
    /// </summary>
    public static QuantizedMlp Quantize(FloatMlp model, FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(format);
        int hidden = model.Hidden;
        CheckFinite(model.Parameters);
        var w1 = new sbyte[hidden * InputSize];
        ReadOnlySpan<float> w1Float = model.W1;
        for (int i = 0; i < InputSize; i++)
            for (int j = 0; j < hidden; j++)
                w1[j * InputSize + i] = QuantizeWeight(w1Float[i * hidden + j], format.W1Scale);
        var w2 = new sbyte[OutputSize * hidden];
        ReadOnlySpan<float> w2Float = model.W2;
        for (int j = 0; j < hidden; j++)
            for (int k = 0; k < OutputSize; k++)
                w2[k * hidden + j] = QuantizeWeight(w2Float[j * OutputSize + k], format.W2Scale);
        var b1 = new int[hidden];
        for (int j = 0; j < hidden; j++)
            b1[j] = QuantizeBias(model.B1[j], format.B1Scale);
        var b2 = new int[OutputSize];
        for (int k = 0; k < OutputSize; k++)
            b2[k] = QuantizeBias(model.B2[k], format.B2Scale);
        return new QuantizedMlp(hidden, w1, b1, format.M1, w2, b2);
    }

    /// <summary>The float model these integers stand for in <paramref name="format"/> (the start of the next round's training).</summary>
    public FloatMlp Dequantize(FixedPointFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        var parameters = new float[FloatMlp.ParameterCountFor(Hidden)];
        var model = new FloatMlp(Hidden, parameters);
        var w1 = model.W1;
        for (int i = 0; i < InputSize; i++)
            for (int j = 0; j < Hidden; j++)
                w1[i * Hidden + j] = (float)(_w1[j * InputSize + i] * format.W1Scale);
        var w2 = model.W2;
        for (int j = 0; j < Hidden; j++)
            for (int k = 0; k < OutputSize; k++)
                w2[j * OutputSize + k] = (float)(_w2[k * Hidden + j] * format.W2Scale);
        var b1 = model.B1;
        for (int j = 0; j < Hidden; j++)
            b1[j] = (float)(_b1[j] * format.B1Scale);
        var b2 = model.B2;
        for (int k = 0; k < OutputSize; k++)
            b2[k] = (float)(_b2[k] * format.B2Scale);
        return model;
    }

    /// <summary>Committed values: W1, W2, B1, B2 in that order (arrays as stored): what the proof's D commits to.</summary>
    public long[] CommittedValues()
    {
        var values = new long[CommittedCount(Hidden)];
        int at = 0;
        foreach (var w in _w1) values[at++] = w;
        foreach (var w in _w2) values[at++] = w;
        foreach (var b in _b1) values[at++] = b;
        foreach (var b in _b2) values[at++] = b;
        return values;
    }

    /// <summary>Number of committed values of a model of this width: 784h + 10h + h + 10.</summary>
    public static int CommittedCount(int hidden) => InputSize * hidden + OutputSize * hidden + hidden + OutputSize;

    /// <summary>The model whose committed values are the element-wise mean of <paramref name="sums"/> over <paramref name="count"/> models, rounded half up.</summary>
    public static QuantizedMlp FromSum(int hidden, int m1, ReadOnlySpan<long> sums, int count)
    {
        if (sums.Length != CommittedCount(hidden))
            throw new ArgumentException($"a sum of hidden-{hidden} models has {CommittedCount(hidden)} values, got {sums.Length}", nameof(sums));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        long Mean(long sum) => (long)Math.Floor((sum + count / 2.0) / count);
        var w1 = new sbyte[InputSize * hidden];
        var w2 = new sbyte[OutputSize * hidden];
        var b1 = new int[hidden];
        var b2 = new int[OutputSize];
        int at = 0;
        for (int i = 0; i < w1.Length; i++) w1[i] = (sbyte)Math.Clamp(Mean(sums[at++]), -WeightMax, WeightMax);
        for (int i = 0; i < w2.Length; i++) w2[i] = (sbyte)Math.Clamp(Mean(sums[at++]), -WeightMax, WeightMax);
        for (int i = 0; i < b1.Length; i++) b1[i] = (int)Math.Clamp(Mean(sums[at++]), -(BiasBound - 1), BiasBound - 1);
        for (int i = 0; i < b2.Length; i++) b2[i] = (int)Math.Clamp(Mean(sums[at++]), -(BiasBound - 1), BiasBound - 1);
        return new QuantizedMlp(hidden, w1, b1, m1, w2, b2);
    }

    /// <summary>h = clamp((acc1 * M1 + 2^(S-1)) >> S, 0, 127): the hidden requantization step.</summary>
    public static int Requantize(long acc1, int m1) =>
        (int)Math.Clamp((acc1 * m1 + RoundingTerm) >> Shift, 0, HiddenMax);

    /// <summary>Index of the largest score; ties go to the lowest index.</summary>
    public static int Argmax(ReadOnlySpan<long> scores)
    {
        int best = 0;
        for (int k = 1; k < scores.Length; k++)
        {
            if (scores[k] > scores[best])
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>
    /// Runs inference on one image and exposes every intermediate value (the circuit witness): acc1 (Hidden),
    /// h (Hidden), acc2 (10). Returns the predicted class.
    /// </summary>
    public int Evaluate(ReadOnlySpan<byte> pixels, Span<long> acc1, Span<int> hidden, Span<long> acc2)
    {
        CheckPixels(pixels);
        CheckLength(nameof(acc1), acc1.Length, Hidden);
        CheckLength(nameof(hidden), hidden.Length, Hidden);
        CheckLength(nameof(acc2), acc2.Length, OutputSize);
        for (int j = 0; j < Hidden; j++)
        {
            // |sum| < 2^25, so int32 accumulation is exact; the bias is added in int64.
            ReadOnlySpan<sbyte> row = _w1.AsSpan(j * InputSize, InputSize);
            int sum = 0;
            for (int i = 0; i < InputSize; i++)
            {
                sum += row[i] * pixels[i];
            }
            acc1[j] = (long)_b1[j] + sum;
            hidden[j] = Requantize(acc1[j], M1);
        }
        for (int k = 0; k < OutputSize; k++)
        {
            ReadOnlySpan<sbyte> row = _w2.AsSpan(k * Hidden, Hidden);
            long sum = _b2[k];
            for (int j = 0; j < Hidden; j++)
            {
                sum += row[j] * hidden[j];
            }
            acc2[k] = sum;
        }
        return Argmax(acc2);
    }

    /// <summary>Writes the 10 integer class scores acc2 of one image into <paramref name="logits"/>.</summary>
    public void Logits(ReadOnlySpan<byte> pixels, Span<long> logits)
    {
        Span<long> acc1 = Hidden <= 1024 ? stackalloc long[Hidden] : new long[Hidden];
        Span<int> hidden = Hidden <= 1024 ? stackalloc int[Hidden] : new int[Hidden];
        Evaluate(pixels, acc1, hidden, logits);
    }

    /// <summary>The 10 integer class scores acc2 of one image.</summary>
    public long[] Logits(ReadOnlySpan<byte> pixels)
    {
        var logits = new long[OutputSize];
        Logits(pixels, logits);
        return logits;
    }

    /// <summary>The predicted class of one image: argmax of acc2, lowest class on ties.</summary>
    public int Predict(ReadOnlySpan<byte> pixels)
    {
        Span<long> logits = stackalloc long[OutputSize];
        Logits(pixels, logits);
        return Argmax(logits);
    }

    /// <summary>Number of samples of <paramref name="batch"/> predicted correctly: the k a ZKPoT proof attests.</summary>
    public int CountCorrect(Dataset batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        int correct = 0;
        for (int s = 0; s < batch.Count; s++)
        {
            if (Predict(batch.Image(s)) == batch.Label(s))
            {
                correct++;
            }
        }
        return correct;
    }

    /// <summary>Fraction of samples predicted correctly (0 for an empty dataset).</summary>
    public double Accuracy(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Count == 0 ? 0 : (double)CountCorrect(data) / data.Count;
    }

    private static double SymmetricScale(ReadOnlySpan<float> weights)
    {
        float max = 0;
        foreach (float w in weights)
        {
            max = MathF.Max(max, MathF.Abs(w));
        }
        // An all-zero layer quantizes to zeros under any scale; 1 avoids dividing by zero.
        return max > 0 ? max / (double)WeightMax : 1.0;
    }

    private static sbyte QuantizeWeight(float weight, double scale) =>
        (sbyte)Math.Clamp(Math.Round(weight / scale, MidpointRounding.AwayFromZero), -WeightMax, WeightMax);

    private static int QuantizeBias(float bias, double scale) =>
        (int)Math.Clamp(Math.Round(bias / scale, MidpointRounding.AwayFromZero), -(BiasBound - 1), BiasBound - 1);

    private static void CheckFinite(ReadOnlySpan<float> parameters)
    {
        for (int i = 0; i < parameters.Length; i++)
        {
            if (!float.IsFinite(parameters[i]))
            {
                throw new ArgumentException($"Float MLP parameter {i} is {parameters[i]}; cannot quantize a non-finite model.", "model");
            }
        }
    }

    private static void CheckPixels(ReadOnlySpan<byte> pixels)
    {
        if (pixels.Length != InputSize)
        {
            throw new ArgumentException($"Image has {pixels.Length} pixels; expected {InputSize}.", nameof(pixels));
        }
    }

    private static void CheckLength(string name, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"{name} has {actual} entries; expected {expected}.", name);
        }
    }

    private static void CheckWeights(string name, ReadOnlySpan<sbyte> weights, int rowLength)
    {
        for (int n = 0; n < weights.Length; n++)
        {
            if (weights[n] < -WeightMax)
            {
                throw new ArgumentOutOfRangeException(
                    name, $"{name}[{n / rowLength},{n % rowLength}] is {weights[n]}; weights must be in [-{WeightMax}, {WeightMax}].");
            }
        }
    }

    private static void CheckBiases(string name, ReadOnlySpan<int> biases)
    {
        for (int n = 0; n < biases.Length; n++)
        {
            if (biases[n] <= -BiasBound || biases[n] >= BiasBound)
            {
                throw new ArgumentOutOfRangeException(name, $"{name}[{n}] is {biases[n]}; biases must satisfy |B| < 2^24.");
            }
        }
    }
}
