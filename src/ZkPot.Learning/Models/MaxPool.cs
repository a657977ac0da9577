namespace ZkPot.Learning;

/// <summary>2x2 max pooling with stride 2, from a wide-layout plane (see <see cref="Convolution"/>) to a compact one.</summary>
internal static class MaxPool
{
    /// <summary>
    /// Pools the first <paramref name="validWidth"/> columns of each height x stride plane; records, per pooled
    /// cell, the input index of its maximum (first of equal values) for the backward pass.
    /// </summary>
    public static void Forward(
        ReadOnlySpan<float> input, int channels, int height, int stride, int validWidth,
        Span<float> output, Span<int> argmax)
    {
        int outHeight = height / 2, outWidth = validWidth / 2;
        int o = 0;
        for (int c = 0; c < channels; c++)
        {
            int plane = c * height * stride;
            for (int py = 0; py < outHeight; py++)
            {
                for (int px = 0; px < outWidth; px++, o++)
                {
                    int top = plane + 2 * py * stride + 2 * px;
                    int best = top;
                    if (input[top + 1] > input[best]) best = top + 1;
                    if (input[top + stride] > input[best]) best = top + stride;
                    if (input[top + stride + 1] > input[best]) best = top + stride + 1;
                    output[o] = input[best];
                    argmax[o] = best;
                }
            }
        }
    }

    /// <summary>Routes each pooled cell's gradient to the input position that won the max (the caller clears the input gradient).</summary>
    public static void Backward(ReadOnlySpan<float> outputGradient, ReadOnlySpan<int> argmax, Span<float> inputGradient)
    {
        for (int o = 0; o < outputGradient.Length; o++)
        {
            inputGradient[argmax[o]] += outputGradient[o];
        }
    }
}
