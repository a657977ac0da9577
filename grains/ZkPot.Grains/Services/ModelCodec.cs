using ZkPot.Learning;

namespace ZkPot.Grains.Services;

/// <summary>The quantized model as the prover request carries it.</summary>
public static class ModelCodec
{
    public static QuantizedModel ToMessage(QuantizedMlp model) => new()
    {
        Hidden = model.Hidden, W1 = model.W1.ToArray(), B1 = model.B1.ToArray(), M1 = model.M1, W2 = model.W2.ToArray(), B2 = model.B2.ToArray(),
    };

    public static QuantizedMlp FromMessage(QuantizedModel m) => new(m.Hidden, m.W1, m.B1, m.M1, m.W2, m.B2);
}
