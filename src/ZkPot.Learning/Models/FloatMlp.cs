namespace ZkPot.Learning;

/// <summary>
/// Two-layer perceptron 784 -> Hidden (ReLU) -> 10 on pixels scaled to [0, 1] (pixel / 255).
/// Flat parameter layout: [W1 | B1 | W2 | B2] with weight matrices stored input-major:
/// W1[i * Hidden + j] connects pixel i to hidden unit j, W2[j * 10 + k] connects hidden j to class k.
/// </summary>
/// <remarks>
/// Input-major storage lets the forward pass add one weight row per non-zero pixel (background pixels cost
/// nothing) and keeps every float reduction in a fixed order, so inference does not depend on SIMD width.
/// <see cref="QuantizedMlp"/> transposes to the circuit's output-major order.
/// </remarks>
public sealed class FloatMlp : IFloatModel
{
    /// <summary>Inputs: one per pixel.</summary>
    public const int InputSize = Dataset.ImageSize;

    /// <summary>Outputs: one score per class.</summary>
    public const int OutputSize = Dataset.ClassCount;

    /// <summary>Hidden width used when none is given.</summary>
    public const int DefaultHidden = 32;

    private readonly float[] _parameters;
    private readonly float[] _input = new float[InputSize];
    private readonly float[] _preActivation;
    private readonly float[] _hidden;
    private readonly float[] _hiddenGradient;
    private readonly float[] _logits = new float[OutputSize];

    /// <summary>A model of width <paramref name="hidden"/> holding a copy of <paramref name="parameters"/> (layout in the type summary).</summary>
    public FloatMlp(int hidden, ReadOnlySpan<float> parameters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        int expected = ParameterCountFor(hidden);
        if (parameters.Length != expected)
        {
            throw new ArgumentException(
                $"MLP with {hidden} hidden units has {expected} parameters; got {parameters.Length}.", nameof(parameters));
        }
        Hidden = hidden;
        _parameters = parameters.ToArray();
        _preActivation = new float[hidden];
        _hidden = new float[hidden];
        _hiddenGradient = new float[hidden];
    }

    /// <summary>A freshly initialised model: He-normal W1, Xavier-normal W2 (the output layer has no ReLU), zero biases.</summary>
    public static FloatMlp Create(int hidden = DefaultHidden, long seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hidden);
        var parameters = new float[ParameterCountFor(hidden)];
        var random = new DeterministicRandom(seed);
        Kernels.FillGaussian(random, parameters.AsSpan(0, InputSize * hidden), Math.Sqrt(2.0 / InputSize));
        Kernels.FillGaussian(random, parameters.AsSpan(InputSize * hidden + hidden, hidden * OutputSize), Math.Sqrt(1.0 / hidden));
        return new FloatMlp(hidden, parameters);
    }

    /// <summary>Parameter count of an MLP of the given hidden width: 784h + h + 10h + 10.</summary>
    public static int ParameterCountFor(int hidden) => InputSize * hidden + hidden + hidden * OutputSize + OutputSize;

    /// <summary>Hidden width.</summary>
    public int Hidden { get; }

    /// <inheritdoc/>
    public int ParameterCount => _parameters.Length;

    /// <inheritdoc/>
    public float[] Parameters => _parameters;

    /// <summary>First-layer weights, input-major: W1[i * Hidden + j].</summary>
    public Span<float> W1 => _parameters.AsSpan(0, InputSize * Hidden);

    /// <summary>First-layer biases, one per hidden unit.</summary>
    public Span<float> B1 => _parameters.AsSpan(InputSize * Hidden, Hidden);

    /// <summary>Second-layer weights, input-major: W2[j * 10 + k].</summary>
    public Span<float> W2 => _parameters.AsSpan(InputSize * Hidden + Hidden, Hidden * OutputSize);

    /// <summary>Second-layer biases, one per class.</summary>
    public Span<float> B2 => _parameters.AsSpan(ParameterCount - OutputSize, OutputSize);

    /// <inheritdoc/>
    public IFloatModel Clone() => new FloatMlp(Hidden, _parameters);

    /// <inheritdoc/>
    public IFloatModel WithParameters(ReadOnlySpan<float> parameters) => new FloatMlp(Hidden, parameters);

    /// <inheritdoc/>
    public void Logits(ReadOnlySpan<byte> pixels, Span<float> logits)
    {
        CheckLogits(logits);
        Forward(pixels);
        _logits.CopyTo(logits);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<byte> pixels)
    {
        Forward(pixels);
        return Kernels.Argmax(_logits);
    }

    /// <summary>The post-ReLU hidden activations of one image (used to calibrate quantization).</summary>
    public void HiddenActivations(ReadOnlySpan<byte> pixels, Span<float> hidden)
    {
        if (hidden.Length != Hidden)
        {
            throw new ArgumentException($"Hidden buffer has {hidden.Length} entries; expected {Hidden}.", nameof(hidden));
        }
        Forward(pixels);
        _hidden.CopyTo(hidden);
    }

    /// <inheritdoc/>
    public float AccumulateGradient(ReadOnlySpan<byte> pixels, int label, Span<float> gradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, OutputSize);
        if (gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"Gradient has {gradient.Length} entries; expected {ParameterCount}.", nameof(gradient));
        }
        Forward(pixels);
        float loss = Kernels.SoftmaxCrossEntropy(_logits, label);
        int w1 = InputSize * Hidden, w2 = Hidden * OutputSize;
        Kernels.DenseBackward(
            _hidden, W2, _logits,
            gradient.Slice(w1 + Hidden, w2), gradient.Slice(w1 + Hidden + w2, OutputSize), _hiddenGradient);
        Kernels.ReluBackward(_preActivation, _hiddenGradient);
        Kernels.DenseBackward(_input, W1, _hiddenGradient, gradient[..w1], gradient.Slice(w1, Hidden), []);
        return loss;
    }

    private void Forward(ReadOnlySpan<byte> pixels)
    {
        Kernels.ScalePixels(pixels, _input);
        Kernels.DenseForward(_input, W1, B1, _preActivation);
        for (int j = 0; j < _hidden.Length; j++)
        {
            _hidden[j] = _preActivation[j] > 0f ? _preActivation[j] : 0f;
        }
        Kernels.DenseForward(_hidden, W2, B2, _logits);
    }

    private static void CheckLogits(Span<float> logits)
    {
        if (logits.Length != OutputSize)
        {
            throw new ArgumentException($"Logits buffer has {logits.Length} entries; expected {OutputSize}.", nameof(logits));
        }
    }
}
