namespace ZkPot.Learning;

/// <summary>Valid 5x5 convolution over planes kept in a "wide" layout, so each kernel tap is a single long vector operation.</summary>
/// <remarks>
/// An output plane of a height x width input is stored as (height - 4) rows of the full input width: output
/// (y, x) sits at y * width + x, and the columns x >= width - 4 are junk. Then the contribution of tap (ky, kx)
/// to a whole output plane is one contiguous multiply-add with the input shifted by ky * width + kx, instead of
/// one short operation per output row. Inputs carry 4 trailing padding floats because the junk columns of the
/// last row read past the final plane. Backward passes require the junk columns of the output gradient to be 0.
/// Weights are ordered [outChannel][inChannel][ky][kx].
/// </remarks>
internal static class Convolution
{
    /// <summary>Kernel side length.</summary>
    public const int Kernel = 5;

    /// <summary>Trailing padding an input buffer needs beyond its planes.</summary>
    public const int Padding = Kernel - 1;

    /// <summary>Output plane length (wide layout) for a height x width input.</summary>
    public static int OutputPlane(int height, int width) => (height - Kernel + 1) * width;

    /// <summary>output[oc] = bias[oc] + sum over ic, ky, kx of w * shifted input plane.</summary>
    public static void Forward(
        ReadOnlySpan<float> input, int inChannels, int height, int width,
        ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, int outChannels, Span<float> output)
    {
        int inPlane = height * width;
        int outPlane = OutputPlane(height, width);
        for (int oc = 0; oc < outChannels; oc++)
        {
            Span<float> o = output.Slice(oc * outPlane, outPlane);
            o.Fill(bias[oc]);
            for (int ic = 0; ic < inChannels; ic++)
            {
                int w = (oc * inChannels + ic) * Kernel * Kernel;
                for (int ky = 0; ky < Kernel; ky++)
                {
                    for (int kx = 0; kx < Kernel; kx++)
                    {
                        Kernels.Axpy(weights[w + ky * Kernel + kx], input.Slice(ic * inPlane + ky * width + kx, outPlane), o);
                    }
                }
            }
        }
    }

    /// <summary>
    /// Accumulates weight and bias gradients from <paramref name="outputGradient"/> (junk columns zero) and, when
    /// <paramref name="inputGradient"/> is not empty, adds the gradient with respect to the input to it (the
    /// caller clears it; its padding receives zeros only).
    /// </summary>
    public static void Backward(
        ReadOnlySpan<float> input, int inChannels, int height, int width,
        ReadOnlySpan<float> weights, int outChannels, ReadOnlySpan<float> outputGradient,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> inputGradient)
    {
        int inPlane = height * width;
        int outPlane = OutputPlane(height, width);
        for (int oc = 0; oc < outChannels; oc++)
        {
            ReadOnlySpan<float> d = outputGradient.Slice(oc * outPlane, outPlane);
            biasGradient[oc] += Kernels.Sum(d);
            for (int ic = 0; ic < inChannels; ic++)
            {
                int w = (oc * inChannels + ic) * Kernel * Kernel;
                for (int ky = 0; ky < Kernel; ky++)
                {
                    for (int kx = 0; kx < Kernel; kx++)
                    {
                        int shift = ic * inPlane + ky * width + kx;
                        weightGradient[w + ky * Kernel + kx] += Kernels.Dot(d, input.Slice(shift, outPlane));
                        if (!inputGradient.IsEmpty)
                        {
                            Kernels.Axpy(weights[w + ky * Kernel + kx], d, inputGradient.Slice(shift, outPlane));
                        }
                    }
                }
            }
        }
    }
}
