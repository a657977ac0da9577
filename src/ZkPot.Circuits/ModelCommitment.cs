using ZkPot.Crypto;
using ZkPot.Learning;

namespace ZkPot.Circuits;

/// <summary>
/// The Poseidon commitment to a quantized MLP, computed the same way natively (here) and in the circuit.
/// Packing: every weight as the byte w + 128, W1 (row-major) then W2, 31 bytes per field element, little-endian
/// (byte k at 2^(8k)); every bias as b + 2^30 (31 bits), B1 then B2, 8 per element; then M1; the salt first.
/// Hashing: a chain of circomlib Poseidon calls of 16 inputs, h = Poseidon(h_prev, next 15 elements), starting from
/// h_prev = salt and padding the last chunk with zeros. The model shape is fixed per task, so lengths are too.
/// </summary>
public static class ModelCommitment
{
    public const int WeightsPerElement = 31;
    public const int BiasesPerElement = 8;
    public const int BiasBits = 31;
    public const int ChunkSize = 15;

    /// <summary>The packed field elements of a model (no salt).</summary>
    public static Fr[] Pack(QuantizedMlp model)
    {
        var weights = new byte[model.W1.Length + model.W2.Length];
        for (int i = 0; i < model.W1.Length; i++) weights[i] = (byte)(model.W1[i] + 128);
        for (int i = 0; i < model.W2.Length; i++) weights[model.W1.Length + i] = (byte)(model.W2[i] + 128);
        var biases = new long[model.B1.Length + model.B2.Length];
        for (int i = 0; i < model.B1.Length; i++) biases[i] = model.B1[i] + (1L << 30);
        for (int i = 0; i < model.B2.Length; i++) biases[model.B1.Length + i] = model.B2[i] + (1L << 30);

        var elements = new List<Fr>();
        for (int start = 0; start < weights.Length; start += WeightsPerElement)
        {
            var chunk = new byte[32];
            weights.AsSpan(start, Math.Min(WeightsPerElement, weights.Length - start)).CopyTo(chunk);
            elements.Add(Fr.FromBytesLittleEndian(chunk));
        }
        for (int start = 0; start < biases.Length; start += BiasesPerElement)
        {
            var acc = System.Numerics.BigInteger.Zero;
            for (int k = Math.Min(BiasesPerElement, biases.Length - start) - 1; k >= 0; k--) acc = (acc << BiasBits) + biases[start + k];
            elements.Add(Fr.FromBigInteger(acc));
        }
        elements.Add(Fr.FromUInt64((ulong)model.M1));
        return [.. elements];
    }

    public static Fr Compute(QuantizedMlp model, Fr salt) => Chain(salt, Pack(model));

    /// <summary>The Poseidon chain over already packed elements.</summary>
    public static Fr Chain(Fr salt, ReadOnlySpan<Fr> elements)
    {
        var h = salt;
        for (int start = 0; start < elements.Length; start += ChunkSize)
        {
            // A fresh array per chunk: on .NET 10.0.12 the JIT drops Span.Clear() of a stackalloc'd span of 32-byte
            // structs inside a loop when element 0 is written right after (tests/ZkPot.Circuits.Tests pin the result).
            var input = new Fr[ChunkSize + 1];
            input[0] = h;
            int n = Math.Min(ChunkSize, elements.Length - start);
            elements.Slice(start, n).CopyTo(input.AsSpan(1));
            h = Poseidon.Hash(input);
        }
        return h;
    }
}
