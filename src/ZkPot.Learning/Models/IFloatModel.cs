namespace ZkPot.Learning;

/// <summary>A float classifier of 28x28 images whose parameters are one flat array, so FedAvg and attacks can treat every model alike.</summary>
/// <remarks>Implementations keep scratch buffers for speed, so one instance must not be used from two threads at once; clone per thread.</remarks>
public interface IFloatModel
{
    /// <summary>Length of <see cref="Parameters"/>.</summary>
    int ParameterCount { get; }

    /// <summary>The live parameter vector; writing to it changes the model.</summary>
    float[] Parameters { get; }

    /// <summary>An independent copy (same shape, copied parameters, own scratch).</summary>
    IFloatModel Clone();

    /// <summary>A model of the same shape holding a copy of <paramref name="parameters"/>.</summary>
    IFloatModel WithParameters(ReadOnlySpan<float> parameters);

    /// <summary>Writes the 10 class scores of one image (784 pixel bytes) into <paramref name="logits"/>.</summary>
    void Logits(ReadOnlySpan<byte> pixels, Span<float> logits);

    /// <summary>The predicted class: the argmax of the logits, lowest class on ties.</summary>
    int Predict(ReadOnlySpan<byte> pixels);

    /// <summary>Adds d(loss)/d(parameters) for one sample to <paramref name="gradient"/> and returns its softmax cross-entropy loss.</summary>
    float AccumulateGradient(ReadOnlySpan<byte> pixels, int label, Span<float> gradient);
}
