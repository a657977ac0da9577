using System.Numerics.Tensors;

namespace ZkPot.Learning;

/// <summary>Mini-batch SGD with heavy-ball momentum on softmax cross-entropy; single-threaded and bit-for-bit reproducible for a seed.</summary>
/// <remarks>
/// Per step: g = (1/n) sum of per-sample gradients (+ weightDecay * w), v = momentum * v + g, w = w - rate * v.
/// Velocity starts at zero on every call, as each federated round starts local training afresh from the
/// global model. Samples are visited in an order drawn from <see cref="SgdOptions.Seed"/> and gradients are summed
/// in that order on one thread, so the same inputs give bit-identical weights on every run. The vector kernels
/// avoid SIMD-width-dependent reductions, so AVX2 and AVX-512 machines agree too; only the softmax's exp and log
/// come from the platform's math library.
/// </remarks>
public static class SgdTrainer
{
    /// <summary>Trains a copy of <paramref name="initial"/> on <paramref name="data"/>; <paramref name="initial"/> is not modified.</summary>
    /// <exception cref="InvalidOperationException">The loss became NaN or infinite (learning rate too high).</exception>
    public static TrainingResult Train(IFloatModel initial, Dataset data, SgdOptions options)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (data.Count == 0)
        {
            throw new ArgumentException("Cannot train on an empty dataset.", nameof(data));
        }
        IFloatModel model = initial.Clone();
        float[] weights = model.Parameters;
        var gradient = new float[weights.Length];
        var velocity = new float[weights.Length];
        var order = new int[data.Count];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var random = new DeterministicRandom(options.Seed);
        var losses = new double[options.Epochs];
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order.AsSpan());
            double lossSum = 0;
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                int n = Math.Min(options.BatchSize, order.Length - start);
                Array.Clear(gradient);
                for (int k = start; k < start + n; k++)
                {
                    int index = order[k];
                    lossSum += model.AccumulateGradient(data.Image(index), data.Label(index), gradient);
                }
                TensorPrimitives.Multiply(gradient, 1f / n, gradient);
                if (options.WeightDecay != 0f)
                {
                    Kernels.Axpy(options.WeightDecay, weights, gradient);
                }
                TensorPrimitives.FusedMultiplyAdd(velocity, options.Momentum, gradient, velocity);
                Kernels.Axpy(-options.LearningRate, velocity, weights);
            }
            losses[epoch] = lossSum / order.Length;
            if (!double.IsFinite(losses[epoch]))
            {
                throw new InvalidOperationException(
                    $"Training diverged in epoch {epoch}: mean loss is {losses[epoch]} (learning rate {options.LearningRate}).");
            }
        }
        return new TrainingResult(model, losses);
    }
}
