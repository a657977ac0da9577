using System.Numerics.Tensors;

namespace ZkPot.Learning;

/// <summary>
/// LeNet-style CNN on pixels scaled to [0, 1]: conv 5x5 (C1) -> ReLU -> maxpool 2 -> conv 5x5 (C2) -> ReLU ->
/// maxpool 2 -> dense H1 -> ReLU -> dense H2 -> ReLU -> dense 10. Flat parameter layout:
/// [conv1 W (C1 x 1 x 5 x 5) | conv1 b | conv2 W (C2 x C1 x 5 x 5) | conv2 b | fc1 W | fc1 b | fc2 W | fc2 b | fc3 W | fc3 b],
/// dense weights input-major as in <see cref="FloatMlp"/>, fc1's inputs ordered channel, row, column.
/// </summary>
public sealed class FloatCnn : IFloatModel
{
    private const int Side = Dataset.ImageSide;
    private const int Conv1Side = Side - 4;          // 24
    private const int Pool1Side = Conv1Side / 2;     // 12
    private const int Conv2Side = Pool1Side - 4;     // 8
    private const int Conv1Plane = Conv1Side * Side; // wide rows of 28
    private const int Pool1Plane = Pool1Side * Pool1Side;
    private const int Conv2Plane = Conv2Side * Pool1Side; // wide rows of 12

    private readonly float[] _parameters;
    private readonly int _conv1W, _conv1B, _conv2W, _conv2B, _fc1W, _fc1B, _fc2W, _fc2B, _fc3W, _fc3B;

    private readonly float[] _input = new float[Dataset.ImageSize + Convolution.Padding];
    private readonly float[] _conv1, _relu1, _pool1, _conv2, _relu2, _pool2, _z1, _a1, _z2, _a2;
    private readonly int[] _arg1, _arg2;
    private readonly float[] _logits = new float[Dataset.ClassCount];
    private readonly float[] _dA2, _dA1, _dPool2, _dConv2, _dPool1, _dConv1;

    /// <summary>A CNN of the given shape holding a copy of <paramref name="parameters"/> (layout in the type summary).</summary>
    public FloatCnn(CnnShape shape, ReadOnlySpan<float> parameters)
    {
        shape.Validate();
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException(
                $"CNN of shape {shape} has {shape.ParameterCount} parameters; got {parameters.Length}.", nameof(parameters));
        }
        Shape = shape;
        _parameters = parameters.ToArray();
        int c1 = shape.Conv1Channels, c2 = shape.Conv2Channels, h1 = shape.Hidden1, h2 = shape.Hidden2;
        _conv1W = 0;
        _conv1B = _conv1W + c1 * 25;
        _conv2W = _conv1B + c1;
        _conv2B = _conv2W + c2 * c1 * 25;
        _fc1W = _conv2B + c2;
        _fc1B = _fc1W + shape.FlattenedSize * h1;
        _fc2W = _fc1B + h1;
        _fc2B = _fc2W + h1 * h2;
        _fc3W = _fc2B + h2;
        _fc3B = _fc3W + h2 * Dataset.ClassCount;

        _conv1 = new float[c1 * Conv1Plane];
        _relu1 = new float[c1 * Conv1Plane];
        _pool1 = new float[c1 * Pool1Plane + Convolution.Padding];
        _arg1 = new int[c1 * Pool1Plane];
        _conv2 = new float[c2 * Conv2Plane];
        _relu2 = new float[c2 * Conv2Plane];
        _pool2 = new float[shape.FlattenedSize];
        _arg2 = new int[shape.FlattenedSize];
        _z1 = new float[h1];
        _a1 = new float[h1];
        _z2 = new float[h2];
        _a2 = new float[h2];
        _dA2 = new float[h2];
        _dA1 = new float[h1];
        _dPool2 = new float[shape.FlattenedSize];
        _dConv2 = new float[c2 * Conv2Plane];
        _dPool1 = new float[c1 * Pool1Plane + Convolution.Padding];
        _dConv1 = new float[c1 * Conv1Plane];
    }

    /// <summary>A freshly initialised CNN: He-normal weights before each ReLU, Xavier-normal output layer, zero biases.</summary>
    public static FloatCnn Create(CnnShape shape, long seed = 0)
    {
        shape.Validate();
        var model = new FloatCnn(shape, new float[shape.ParameterCount]);
        var random = new DeterministicRandom(seed);
        Span<float> p = model._parameters;
        int c1 = shape.Conv1Channels, h1 = shape.Hidden1, h2 = shape.Hidden2;
        Kernels.FillGaussian(random, p[model._conv1W..model._conv1B], Math.Sqrt(2.0 / 25));
        Kernels.FillGaussian(random, p[model._conv2W..model._conv2B], Math.Sqrt(2.0 / (c1 * 25)));
        Kernels.FillGaussian(random, p[model._fc1W..model._fc1B], Math.Sqrt(2.0 / shape.FlattenedSize));
        Kernels.FillGaussian(random, p[model._fc2W..model._fc2B], Math.Sqrt(2.0 / h1));
        Kernels.FillGaussian(random, p[model._fc3W..model._fc3B], Math.Sqrt(1.0 / h2));
        return model;
    }

    /// <summary>Layer widths.</summary>
    public CnnShape Shape { get; }

    /// <inheritdoc/>
    public int ParameterCount => _parameters.Length;

    /// <inheritdoc/>
    public float[] Parameters => _parameters;

    /// <inheritdoc/>
    public IFloatModel Clone() => new FloatCnn(Shape, _parameters);

    /// <inheritdoc/>
    public IFloatModel WithParameters(ReadOnlySpan<float> parameters) => new FloatCnn(Shape, parameters);

    /// <inheritdoc/>
    public void Logits(ReadOnlySpan<byte> pixels, Span<float> logits)
    {
        if (logits.Length != Dataset.ClassCount)
        {
            throw new ArgumentException($"Logits buffer has {logits.Length} entries; expected {Dataset.ClassCount}.", nameof(logits));
        }
        Forward(pixels);
        _logits.CopyTo(logits);
    }

    /// <inheritdoc/>
    public int Predict(ReadOnlySpan<byte> pixels)
    {
        Forward(pixels);
        return Kernels.Argmax(_logits);
    }

    /// <inheritdoc/>
    public float AccumulateGradient(ReadOnlySpan<byte> pixels, int label, Span<float> gradient)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(label);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(label, Dataset.ClassCount);
        if (gradient.Length != ParameterCount)
        {
            throw new ArgumentException($"Gradient has {gradient.Length} entries; expected {ParameterCount}.", nameof(gradient));
        }
        Forward(pixels);
        float loss = Kernels.SoftmaxCrossEntropy(_logits, label);
        ReadOnlySpan<float> p = _parameters;
        int c1 = Shape.Conv1Channels, c2 = Shape.Conv2Channels;

        Kernels.DenseBackward(_a2, p[_fc3W.._fc3B], _logits, gradient[_fc3W.._fc3B], gradient[_fc3B..], _dA2);
        Kernels.ReluBackward(_z2, _dA2);
        Kernels.DenseBackward(_a1, p[_fc2W.._fc2B], _dA2, gradient[_fc2W.._fc2B], gradient[_fc2B.._fc3W], _dA1);
        Kernels.ReluBackward(_z1, _dA1);
        Kernels.DenseBackward(_pool2, p[_fc1W.._fc1B], _dA1, gradient[_fc1W.._fc1B], gradient[_fc1B.._fc2W], _dPool2);

        Array.Clear(_dConv2);
        MaxPool.Backward(_dPool2, _arg2, _dConv2);
        Kernels.ReluBackward(_conv2, _dConv2);
        Array.Clear(_dPool1);
        Convolution.Backward(
            _pool1, c1, Pool1Side, Pool1Side, p[_conv2W.._conv2B], c2, _dConv2,
            gradient[_conv2W.._conv2B], gradient[_conv2B.._fc1W], _dPool1);

        Array.Clear(_dConv1);
        MaxPool.Backward(_dPool1.AsSpan(0, c1 * Pool1Plane), _arg1, _dConv1);
        Kernels.ReluBackward(_conv1, _dConv1);
        Convolution.Backward(
            _input, 1, Side, Side, p[_conv1W.._conv1B], c1, _dConv1,
            gradient[_conv1W.._conv1B], gradient[_conv1B.._conv2W], []);
        return loss;
    }

    private void Forward(ReadOnlySpan<byte> pixels)
    {
        ReadOnlySpan<float> p = _parameters;
        int c1 = Shape.Conv1Channels, c2 = Shape.Conv2Channels;
        Kernels.ScalePixels(pixels, _input);

        Convolution.Forward(_input, 1, Side, Side, p[_conv1W.._conv1B], p[_conv1B.._conv2W], c1, _conv1);
        TensorPrimitives.Max(_conv1, 0f, _relu1);
        MaxPool.Forward(_relu1, c1, Conv1Side, Side, Conv1Side, _pool1, _arg1);

        Convolution.Forward(_pool1, c1, Pool1Side, Pool1Side, p[_conv2W.._conv2B], p[_conv2B.._fc1W], c2, _conv2);
        TensorPrimitives.Max(_conv2, 0f, _relu2);
        MaxPool.Forward(_relu2, c2, Conv2Side, Pool1Side, Conv2Side, _pool2, _arg2);

        Kernels.DenseForward(_pool2, p[_fc1W.._fc1B], p[_fc1B.._fc2W], _z1);
        TensorPrimitives.Max(_z1, 0f, _a1);
        Kernels.DenseForward(_a1, p[_fc2W.._fc2B], p[_fc2B.._fc3W], _z2);
        TensorPrimitives.Max(_z2, 0f, _a2);
        Kernels.DenseForward(_a2, p[_fc3W.._fc3B], p[_fc3B..], _logits);
    }
}
