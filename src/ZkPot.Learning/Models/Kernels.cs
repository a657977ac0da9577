using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ZkPot.Learning;

/// <summary>Vector kernels shared by the float models, written so that results never depend on the machine's SIMD width.</summary>
/// <remarks>
/// Element-wise work goes through TensorPrimitives, whose fused multiply-add is fused on every code path,
/// so each element gets one IEEE rounding whatever the vector width. Reductions (dot products, sums) are
/// the width-dependent part of a SIMD library: TensorPrimitives.Dot adds lanes in an order that changes
/// between AVX2 and AVX-512. These reductions therefore use a fixed 4 x 4-lane Vector128 schedule, which
/// every x64 and Arm64 machine executes identically.
/// </remarks>
internal static class Kernels
{
    /// <summary>y += alpha * x, element-wise with one rounding per element.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float alpha, ReadOnlySpan<float> x, Span<float> y) =>
        TensorPrimitives.FusedMultiplyAdd(x, alpha, y, y);

    /// <summary>Dot product with a fixed summation order (see the type remarks).</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"Dot of spans of lengths {a.Length} and {b.Length}.", nameof(b));
        }
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        int n = a.Length;
        int i = 0;
        Vector128<float> s0 = Vector128<float>.Zero, s1 = s0, s2 = s0, s3 = s0;
        for (; i <= n - 16; i += 16)
        {
            s0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i), Vector128.LoadUnsafe(ref rb, (nuint)i), s0);
            s1 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i + 4), Vector128.LoadUnsafe(ref rb, (nuint)i + 4), s1);
            s2 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i + 8), Vector128.LoadUnsafe(ref rb, (nuint)i + 8), s2);
            s3 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i + 12), Vector128.LoadUnsafe(ref rb, (nuint)i + 12), s3);
        }
        for (; i <= n - 4; i += 4)
        {
            s0 = Vector128.FusedMultiplyAdd(Vector128.LoadUnsafe(ref ra, (nuint)i), Vector128.LoadUnsafe(ref rb, (nuint)i), s0);
        }
        Vector128<float> s = (s0 + s1) + (s2 + s3);
        float result = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        for (; i < n; i++)
        {
            result = MathF.FusedMultiplyAdd(a[i], b[i], result);
        }
        return result;
    }

    /// <summary>Sum with a fixed summation order (see the type remarks).</summary>
    public static float Sum(ReadOnlySpan<float> a)
    {
        ref float ra = ref MemoryMarshal.GetReference(a);
        int n = a.Length;
        int i = 0;
        Vector128<float> s0 = Vector128<float>.Zero, s1 = s0;
        for (; i <= n - 8; i += 8)
        {
            s0 += Vector128.LoadUnsafe(ref ra, (nuint)i);
            s1 += Vector128.LoadUnsafe(ref ra, (nuint)i + 4);
        }
        Vector128<float> s = s0 + s1;
        float result = (s.GetElement(0) + s.GetElement(1)) + (s.GetElement(2) + s.GetElement(3));
        for (; i < n; i++)
        {
            result += a[i];
        }
        return result;
    }

    /// <summary>
    /// Dense layer y = b + x W with W stored input-major (W[i*outputs + o]), accumulated one input row at a
    /// time; zero inputs (background pixels, inactive ReLUs) are skipped, which halves the work on images.
    /// </summary>
    public static void DenseForward(ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias, Span<float> y)
    {
        int outputs = y.Length;
        bias.CopyTo(y);
        for (int i = 0; i < x.Length; i++)
        {
            float xi = x[i];
            if (xi != 0f)
            {
                Axpy(xi, weights.Slice(i * outputs, outputs), y);
            }
        }
    }

    /// <summary>
    /// Dense layer backward: gW[i,:] += x_i dy, gb += dy, and when <paramref name="dx"/> is not empty,
    /// dx_i = W[i,:] . dy (overwritten).
    /// </summary>
    public static void DenseBackward(
        ReadOnlySpan<float> x, ReadOnlySpan<float> weights, ReadOnlySpan<float> dy,
        Span<float> gradWeights, Span<float> gradBias, Span<float> dx)
    {
        int outputs = dy.Length;
        TensorPrimitives.Add(gradBias, dy, gradBias);
        for (int i = 0; i < x.Length; i++)
        {
            float xi = x[i];
            if (xi != 0f)
            {
                Axpy(xi, dy, gradWeights.Slice(i * outputs, outputs));
            }
        }
        if (!dx.IsEmpty)
        {
            for (int i = 0; i < dx.Length; i++)
            {
                dx[i] = Dot(weights.Slice(i * outputs, outputs), dy);
            }
        }
    }

    /// <summary>dz = dh where the pre-activation z was positive, else 0 (ReLU backward, in place on dh).</summary>
    public static void ReluBackward(ReadOnlySpan<float> preActivation, Span<float> gradient)
    {
        for (int i = 0; i < gradient.Length; i++)
        {
            if (!(preActivation[i] > 0f))
            {
                gradient[i] = 0f;
            }
        }
    }

    /// <summary>Index of the largest value; ties go to the lowest index (the same rule as the integer model).</summary>
    public static int Argmax(ReadOnlySpan<float> values)
    {
        int best = 0;
        for (int k = 1; k < values.Length; k++)
        {
            if (values[k] > values[best])
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>
    /// Softmax cross-entropy of <paramref name="logits"/> against <paramref name="label"/>: returns the loss and
    /// overwrites the logits with d(loss)/d(logits) = softmax - onehot.
    /// </summary>
    public static float SoftmaxCrossEntropy(Span<float> logits, int label)
    {
        float max = logits[0];
        for (int k = 1; k < logits.Length; k++)
        {
            max = MathF.Max(max, logits[k]);
        }
        float sum = 0f;
        float labelShifted = logits[label] - max;
        for (int k = 0; k < logits.Length; k++)
        {
            logits[k] = MathF.Exp(logits[k] - max);
            sum += logits[k];
        }
        float inverse = 1f / sum;
        for (int k = 0; k < logits.Length; k++)
        {
            logits[k] *= inverse;
        }
        logits[label] -= 1f;
        return MathF.Log(sum) - labelShifted;
    }

    /// <summary>Scales pixel bytes to [0, 1] as pixel / 255 (the float image of the quantized input scale 1/255).</summary>
    public static void ScalePixels(ReadOnlySpan<byte> pixels, Span<float> destination)
    {
        if (pixels.Length != Dataset.ImageSize)
        {
            throw new ArgumentException($"Image has {pixels.Length} pixels; expected {Dataset.ImageSize}.", nameof(pixels));
        }
        ReadOnlySpan<float> table = PixelTable;
        for (int i = 0; i < pixels.Length; i++)
        {
            destination[i] = table[pixels[i]];
        }
    }

    private static readonly float[] PixelTable = BuildPixelTable();

    private static float[] BuildPixelTable()
    {
        var table = new float[256];
        for (int v = 0; v < table.Length; v++)
        {
            table[v] = v / 255f;
        }
        return table;
    }

    /// <summary>Fills <paramref name="weights"/> with N(0, std^2) draws.</summary>
    public static void FillGaussian(DeterministicRandom random, Span<float> weights, double std)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(random.NextGaussian() * std);
        }
    }
}
