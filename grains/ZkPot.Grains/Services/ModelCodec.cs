using System.Buffers.Binary;
using ZkPot.Learning;

namespace ZkPot.Grains.Services;

/// <summary>Byte forms of models: float parameters (little-endian float32) for the content store, and the quantized model for the prover.</summary>
public static class ModelCodec
{
    public static byte[] EncodeParameters(ReadOnlySpan<float> parameters)
    {
        var bytes = new byte[parameters.Length * 4];
        for (int i = 0; i < parameters.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), parameters[i]);
        return bytes;
    }

    public static float[] DecodeParameters(ReadOnlySpan<byte> bytes, int expectedCount, string what)
    {
        if (bytes.Length != expectedCount * 4) throw new InvalidDataException($"{what}: expected {expectedCount} float32 parameters ({expectedCount * 4} bytes), got {bytes.Length} bytes");
        var parameters = new float[expectedCount];
        for (int i = 0; i < expectedCount; i++)
        {
            parameters[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
            if (!float.IsFinite(parameters[i])) throw new InvalidDataException($"{what}: parameter {i} is not finite");
        }
        return parameters;
    }

    public static QuantizedModel ToMessage(QuantizedMlp model) => new()
    {
        Hidden = model.Hidden, W1 = model.W1.ToArray(), B1 = model.B1.ToArray(), M1 = model.M1, W2 = model.W2.ToArray(), B2 = model.B2.ToArray(),
    };

    public static QuantizedMlp FromMessage(QuantizedModel m) => new(m.Hidden, m.W1, m.B1, m.M1, m.W2, m.B2);

    /// <summary>Update payload sealed to the leader: salt[32] | sample count u64 | parameters.</summary>
    public static byte[] EncodeUpdate(ReadOnlySpan<byte> salt, long samples, ReadOnlySpan<float> parameters)
    {
        var bytes = new byte[40 + parameters.Length * 4];
        salt.CopyTo(bytes);
        BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(32), samples);
        EncodeParameters(parameters).CopyTo(bytes, 40);
        return bytes;
    }

    public static (byte[] Salt, long Samples, float[] Parameters) DecodeUpdate(ReadOnlySpan<byte> bytes, int parameterCount, string what)
    {
        if (bytes.Length < 40) throw new InvalidDataException($"{what}: {bytes.Length} bytes is shorter than the 40-byte header");
        long samples = BinaryPrimitives.ReadInt64LittleEndian(bytes[32..]);
        if (samples <= 0) throw new InvalidDataException($"{what}: sample count {samples} is not positive");
        return (bytes[..32].ToArray(), samples, DecodeParameters(bytes[40..], parameterCount, what));
    }
}
